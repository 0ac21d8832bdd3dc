import { z } from 'zod';
import { vnd } from '../config/fields.ts';

// The case file's scalar fields, parsed once into the forms the engine computes
// with, in the config's words (config/fields.ts) so an operator meets the same
// messages in both files. Instants and zones are parsed here rather than with
// the config's refinements: those parse twice and build an Intl formatter per
// zone (~120 µs each), which a year of facts feels.

/**
 * An instant as epoch seconds. The engine counts whole seconds (docs/case-file.md's
 * figures are seconds); a fractional part is dropped toward the past, so two
 * instants inside the same second compare equal.
 */
export const instantSeconds = z.string().transform((text, ctx) => {
  try {
    return epochSeconds(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not an ISO-8601 instant with an offset or Z', input: text });
    return z.NEVER;
  }
});

/** Epoch seconds of an ISO-8601 instant with an offset or Z; throws a RangeError otherwise. */
export function epochSeconds(text: string): number {
  return Math.floor(Temporal.Instant.from(text).epochMilliseconds / 1000);
}

/** An IANA time zone, in its canonical spelling (so contracts of one zone share one verdict per window). */
export const timeZoneId = z.string().transform((zone, ctx) => {
  try {
    return new Temporal.ZonedDateTime(0n, zone).timeZoneId;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not an IANA time zone', input: zone });
    return z.NEVER;
  }
});

/** Whole VND as bigint (docs/case-file.md: strings of digits, they outgrow 2^53). */
export const vndAmount = vnd.transform((digits) => BigInt(digits));

/** A local wall-clock time `HH:MM` (docs/contract.md §3.1 `latestEnd`). */
export const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM')
  .transform((text) => Temporal.PlainTime.from(text));

/** A calendar date `YYYY-MM-DD` that exists (docs/contract.md §2: configured days off and working days). */
export const calendarDate = z
  .string()
  // abort: a text that is not YYYY-MM-DD gets one message, not two.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD', abort: true })
  .refine((text) => {
    try {
      Temporal.PlainDate.from(text, { overflow: 'reject' });
      return true;
    } catch {
      return false;
    }
  }, 'not a date that exists');
