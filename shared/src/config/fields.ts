import { z } from 'zod';
import { parseDurationMs } from '../time/duration.ts';

/** Ids appear in URLs, metric labels and case files: keep them to a safe alphabet. */
export const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/, 'must be lowercase letters, digits, ".", "_" or "-" (at most 63)');

export const duration = z.string().transform((text, ctx) => {
  const ms = parseDurationMs(text);
  if (ms === undefined || ms === 0) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (write e.g. 500ms, 30s, 5m, 1h, 7d)` });
    return z.NEVER;
  }
  return ms;
});

/** An instant with an explicit offset or Z (docs/contract.md §6: instants are unambiguous). */
export const instant = z.string().refine((text) => {
  try {
    Temporal.Instant.from(text);
    return true;
  } catch {
    return false;
  }
}, 'not an ISO-8601 instant with an offset or Z');

export const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone');

/** Money is whole VND as a string of digits: it outgrows 2^53 (docs/case-file.md). */
export const vnd = z.string().regex(/^\d+$/, 'must be a string of digits (whole VND)');

/** Issue #12: digits the money columns hold (numeric(40,0)); more was a numeric overflow from the database. */
export const VND_MAX_DIGITS = 40;

/** A fee: whole VND from 1 (the columns' check: a contract without a fee owes nothing), at most 40 digits. */
export const positiveVnd = vnd.regex(new RegExp(`^[1-9]\\d{0,${VND_MAX_DIGITS - 1}}$`), `must be a whole number of VND from 1, at most ${VND_MAX_DIGITS} digits`);

export const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be host:port');

/** An http(s) origin, e.g. https://status.example.com: scheme, host and port only (the site is served at its root). */
export const publicUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://status.example.com' })
  .refine((text) => {
    const url = new URL(text);
    return url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
  }, 'must be an origin only (scheme, host, port): the status page is served at its root')
  .transform((text) => new URL(text).origin);
