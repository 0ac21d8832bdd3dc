import { CONTRACT_STATES, CREDIT_AS } from '@sla/shared';
import { z } from 'zod';
import { ApiError } from './api-error.ts';

// The config's own rules for zones and money, so both say the same thing.
export { positiveVnd, timeZone, vnd } from '@sla/shared/config/fields.ts';

// Request fields shared by the operator routes; text rules match the config
// and case file so an operator meets the same messages everywhere.

export const instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant with an offset or Z' }).transform((t) => new Date(t));
export const refId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'must be letters, digits, ".", "_" or "-" (at most 63)');
// Issue #12: limits decided here, before any query. PostgreSQL refuses NUL in
// text ("invalid byte sequence", a 500); other C0 controls (ESC…) only hide
// text in terminals and logs. Titles and names are one line; free text keeps
// tab and line breaks. Lengths as Statuspage's forms: a title fits a line
// (200), an update or description a page or two (10,000); the operators' API
// refuses bodies over 1 MB before parsing them (route-spec.ts).
export const TITLE_MAX = 200;
export const TEXT_MAX = 10_000;
// C0 controls and DEL: Unicode's Cc less the C1 block, written as a set difference (`v` flag).
export const CONTROLS = /[\p{Cc}--[\u0080-\u009f]]/v;
const CONTROLS_BUT_SPACING = /[\p{Cc}--[\t\n\r\u0080-\u009f]]/v;

/** One line of text: no control characters, at most `max` characters. */
export const lineText = (max = TITLE_MAX) =>
  z.string().max(max, `must be at most ${max} characters`).refine((s) => !CONTROLS.test(s), 'must not contain control characters (NUL, line breaks, ESC…)');

/** Free text: tabs and line breaks allowed, no other control character, at most TEXT_MAX characters. */
export const freeText = z
  .string()
  .max(TEXT_MAX, `must be at most ${TEXT_MAX} characters`)
  .refine((s) => !CONTROLS_BUT_SPACING.test(s), 'must not contain control characters other than tab and line breaks (NUL, ESC…)');

/** Free text that says something (reasons, bodies, descriptions that are required). */
export const nonEmpty = freeText.pipe(z.string().trim().min(1, 'must not be empty'));
/** A title or a name: one line, not empty, at most TITLE_MAX characters. */
export const title = lineText().pipe(z.string().trim().min(1, 'must not be empty'));

/** A database id (int4 serial): from 1 to 2^31 − 1. */
export const dbId = z.number().int().min(1).max(2 ** 31 - 1, 'must be an id (at most 2147483647)');
/** A bigint cursor as digits (bigserial): from 1 to 2^63 − 1. */
export const bigIdText = z
  .string()
  .regex(/^[1-9]\d{0,18}$/, 'must be an id')
  // zod runs a refinement even after the regex failed: BigInt('1.5') would throw (a 500, issue #12's corpus).
  .refine((s) => !/^\d+$/.test(s) || BigInt(s) <= 2n ** 63n - 1n, 'must be an id (at most 9223372036854775807)');
export const contractState = z.enum(CONTRACT_STATES);
export const creditAs = z.enum(CREDIT_AS);

/** Path parameters that are database integers. */
export function intParam(value: string, name: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new ApiError('bad_request', `invalid ${name}`, [`${name}: must be a whole number`]);
  return Number(value);
}

export async function jsonBody(c: { req: { json: () => Promise<unknown> } }): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError('bad_request', 'the body must be JSON');
  }
}
