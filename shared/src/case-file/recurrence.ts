import { z } from 'zod';
import { ruleProblem } from '../engine/recurrence.ts';
import { calendarDate, timeZoneId } from './fields.ts';

// docs/case-file.md `recurrence` (SLA §C.1, issue #16): a window's RFC 5545 rule,
// the zone its local start is read in, each occurrence's length and the dates skipped.

/** An RRULE value for a window (engine/recurrence.ts says which parts). */
export const rruleText = z.string().transform((text, ctx) => {
  const problem = ruleProblem(text);
  if (problem === undefined) return text;
  ctx.addIssue({ code: 'custom', message: `not a window's RRULE (${problem})`, input: text });
  return z.NEVER;
});

/** An ISO-8601 duration of days, hours, minutes and seconds, above zero: years and months have no fixed length. */
export const occurrenceDuration = z.string().transform((text, ctx) => {
  try {
    const duration = Temporal.Duration.from(text);
    if (duration.sign > 0 && duration.years === 0 && duration.months === 0 && duration.weeks === 0) return duration;
  } catch {}
  ctx.addIssue({ code: 'custom', message: 'not a duration above zero in days, hours, minutes (PT2H30M)', input: text });
  return z.NEVER;
});

export const recurrenceSchema = z.strictObject({
  rrule: rruleText,
  // docs/contract.md §6 Default, as for contracts.
  timeZone: timeZoneId.prefault('Asia/Ho_Chi_Minh'),
  duration: occurrenceDuration,
  exdates: z.array(calendarDate).prefault([]),
});
