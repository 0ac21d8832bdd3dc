import type { PathProblem } from '../config/references.ts';
import { occurrences, ruleEnds, TooManyOccurrences } from '../engine/recurrence.ts';
import { instantSeconds } from './fields.ts';
import { recurrenceSchema } from './recurrence.ts';

// docs/case-file.md: a window has an `end` or a `recurrence`, never both, and a
// recurrence can be expanded — within the period, else to its own end — in at
// most MAX_OCCURRENCES occurrences (engine/recurrence.ts: no unbounded loops).

type Raw = Record<string, unknown>;

export function recurrenceProblems(window: Raw, period: Raw | undefined, asOf: unknown): PathProblem[] {
  if (window.recurrence === undefined) return window.end === undefined ? [{ path: ['end'], message: 'required' }] : [];
  const problems: PathProblem[] = [];
  if (window.end !== undefined) problems.push({ path: ['end'], message: 'not with a recurrence: each occurrence ends its duration after its start' });
  const recurrence = recurrenceSchema.safeParse(window.recurrence);
  const start = instantSeconds.safeParse(window.start);
  if (!recurrence.success || !start.success) return problems; // the schema reports those
  // The bounds the engine expands within (compute-statement.ts): the period, else up to asOf.
  const from = period === undefined ? { success: true as const, data: -Infinity } : instantSeconds.safeParse(period.from);
  const to = period === undefined ? (asOf === undefined ? undefined : instantSeconds.safeParse(asOf)) : instantSeconds.safeParse(period.to);
  if (to === undefined && !ruleEnds(recurrence.data.rrule)) {
    problems.push({ path: ['recurrence', 'rrule'], message: 'needs COUNT or UNTIL when the case file has neither period nor asOf' });
    return problems;
  }
  if (!from.success || to?.success === false) return problems;
  try {
    occurrences(start.data, recurrence.data, to === undefined ? undefined : { start: from.data, end: to.data });
  } catch (error) {
    if (!(error instanceof TooManyOccurrences)) throw error;
    problems.push({ path: ['recurrence', 'rrule'], message: error.message });
  }
  return problems;
}
