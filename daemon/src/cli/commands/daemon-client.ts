import type { CliIo } from '../command.ts';

export type DaemonAnswer = { reached: true; status: number; body: unknown } | { reached: false; message: string };

/** One call to the operators' API at SLA_URL (default http://127.0.0.1:8080) with SLA_TOKEN, as every `sla GROUP ACTION` makes it (api-group.ts). */
export async function callDaemon(io: CliIo, method: 'GET' | 'POST', path: string, body?: unknown): Promise<DaemonAnswer> {
  const base = io.env.SLA_URL ?? 'http://127.0.0.1:8080';
  try {
    const response = await fetch(new URL(path, base), {
      method,
      headers: { ...(io.env.SLA_TOKEN ? { authorization: `Bearer ${io.env.SLA_TOKEN}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { reached: true, status: response.status, body: parsed };
  } catch (error) {
    return { reached: false, message: `cannot reach the daemon at ${base}: ${(error as Error).message}` };
  }
}

/** A refusal as the operator reads it: the status, the reason and each detail on a line. */
export function refusalText(status: number, body: unknown): string {
  const error = (body as { error?: { message?: string; details?: string[] } } | null)?.error;
  return error?.message === undefined ? `${status}: ${String(body)}` : [`${status}: ${error.message}`, ...(error.details ?? [])].join('\n');
}
