import { CONTRACT_STATES, CREDIT_AS } from '@sla/shared';
import { z } from 'zod';
import { ApiError } from './api-error.ts';

// The config's own rules for zones and money, so both say the same thing.
export { timeZone, vnd } from '@sla/shared/config/fields.ts';

// Request fields shared by the operator routes; text rules match the config
// and case file so an operator meets the same messages everywhere.

export const instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant with an offset or Z' }).transform((t) => new Date(t));
export const refId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'must be letters, digits, ".", "_" or "-" (at most 63)');
export const nonEmpty = z.string().trim().min(1, 'must not be empty');
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
