// Issue #14: a failure message is stored with every probe, shown in the API
// and on the status page; a secret must never be in it. Node's and undici's
// errors do not quote request headers, but our own messages quote what the
// server sent (a header, a JSON value), and a server may echo the request.
import { bounded } from './failure.ts';
import type { ProbeResult } from './types.ts';

export const REDACTED = '[redacted]';

/**
 * The result with each secret (as is, or as JSON escapes it) in its failure
 * message replaced, then the message bounded: redacting first means a cut
 * can never leave the start of a secret behind.
 */
export function redact(result: ProbeResult, secrets: readonly string[] | undefined): ProbeResult {
  if (result.failure === undefined) return result;
  let message = result.failure.message;
  // Longest first, so that a secret that contains another goes whole.
  const forms = (secrets ?? []).flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]).filter((s) => s !== '').sort((a, b) => b.length - a.length);
  for (const form of forms) message = message.replaceAll(form, REDACTED);
  message = bounded(message);
  return message === result.failure.message ? result : { ...result, failure: { ...result.failure, message } };
}
