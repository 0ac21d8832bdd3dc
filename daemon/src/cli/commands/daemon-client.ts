import type { CliIo } from '../command.ts';

export type DaemonAnswer = { reached: true; status: number; body: unknown } | { reached: false; message: string };

/**
 * One request to the operators' API at SLA_URL (default http://127.0.0.1:8080)
 * with SLA_TOKEN, as every `sla GROUP ACTION` makes it (api-group.ts); `body`
 * is sent as JSON text. A daemon out of reach is a message, not a throw.
 */
export async function fetchDaemon(io: CliIo, method: string, path: string, body?: string): Promise<{ reached: true; response: Response } | { reached: false; message: string }> {
  const base = io.env.SLA_URL ?? 'http://127.0.0.1:8080';
  try {
    const response = await fetch(new URL(path, base), {
      method,
      headers: { ...(io.env.SLA_TOKEN ? { authorization: `Bearer ${io.env.SLA_TOKEN}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body,
    });
    return { reached: true, response };
  } catch (error) {
    return { reached: false, message: `cannot reach the daemon at ${base}: ${(error as Error).message}` };
  }
}

/** `fetchDaemon` with a JSON body and the answer read: parsed JSON, or its text. */
export async function callDaemon(io: CliIo, method: 'GET' | 'POST', path: string, body?: unknown): Promise<DaemonAnswer> {
  const sent = await fetchDaemon(io, method, path, body === undefined ? undefined : JSON.stringify(body));
  if (!sent.reached) return sent;
  const { response } = sent;
  return { reached: true, status: response.status, body: jsonOrText(await response.text()) };
}

/** An answer's body: its JSON, or its text when it is not JSON (a CSV, an HTML page, a proxy's error). */
export function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A refusal as the operator reads it: the status, the reason and each detail on a line. */
export function refusalText(status: number, body: unknown): string {
  const error = (body as { error?: { message?: string; details?: string[] } } | null)?.error;
  return error?.message === undefined ? `${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}` : [`${status}: ${error.message}`, ...(error.details ?? [])].join('\n');
}
