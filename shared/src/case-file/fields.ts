import { z } from 'zod';
import { instant, vnd } from '../config/fields.ts';

// The case file's scalar fields, parsed once into the forms the engine computes
// with. The text rules (offset or Z, digits only) are the config's own, so an
// operator meets the same messages in both files.

/**
 * An instant as epoch seconds. The engine counts whole seconds (case-file.md's
 * figures are seconds); a fractional part is dropped toward the past, so two
 * instants inside the same second compare equal.
 */
export const instantSeconds = instant.transform((text) => epochSeconds(text));

export function epochSeconds(text: string): number {
  return Math.floor(Temporal.Instant.from(text).epochMilliseconds / 1000);
}

/** Whole VND as bigint (case-file.md: strings of digits, they outgrow 2^53). */
export const vndAmount = vnd.transform((digits) => BigInt(digits));

/** A local wall-clock time `HH:MM` (sla-policy.md §3.1 `latestEnd`). */
export const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM')
  .transform((text) => Temporal.PlainTime.from(text));
