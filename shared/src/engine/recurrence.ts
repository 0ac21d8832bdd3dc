import { RRuleTemporal } from 'rrule-temporal';
import type { Interval } from '../time/intervals.ts';

// SLA §C.1, docs/contract.md §3.1 (issue #16): a recurring maintenance window is
// an RFC 5545 RRULE on the window's LOCAL start, in its own time zone, so a
// nightly backup stays at 00:30 on the wall clock across offset changes. Each
// occurrence becomes an ordinary window downstream (`<id>@<local date>`) and is
// judged by the same rules as one entered by hand. Expansion is always bounded:
// by the period, else by the rule's COUNT or UNTIL, and never past
// MAX_OCCURRENCES.

export interface Recurrence {
  rrule: string;
  timeZone: string;
  duration: Temporal.Duration;
  /** Local dates (YYYY-MM-DD, in `timeZone`) whose occurrence is skipped. */
  exdates: readonly string[];
}

export interface Occurrence {
  /** The occurrence's local start date in the window's zone: its id is `<windowId>@<date>`. */
  date: string;
  start: number;
  end: number;
}

/** A window recurs at most once a local day, so its occurrences are named by their date. */
const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
/** RFC 5545 rule parts a window may use; BYHOUR, BYMINUTE and BYSECOND would move its local start away from `start`'s. */
const PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYYEARDAY', 'BYWEEKNO', 'BYSETPOS', 'WKST']);
/** Ten years of nights: more than any statement needs, few enough to judge each. */
export const MAX_OCCURRENCES = 3660;

/** What is wrong with an RRULE value (`FREQ=DAILY;…`) as a window's rule, or undefined. */
export function ruleProblem(rrule: string): string | undefined {
  if (/[:\r\n]/.test(rrule)) return 'only the RRULE value (FREQ=…): the window\'s start is its DTSTART';
  const parts = rrule.split(';').map((part) => part.split('=')[0]!.toUpperCase());
  const unknown = parts.find((name) => !PARTS.has(name));
  if (unknown !== undefined) return `rule part ${JSON.stringify(unknown)} not allowed: use ${[...PARTS].join(', ')}`;
  const freq = /(?:^|;)FREQ=([^;]*)/i.exec(rrule)?.[1]?.toUpperCase();
  if (freq !== undefined && !FREQUENCIES.includes(freq)) return `FREQ must be one of ${FREQUENCIES.join(', ')}: a window recurs at most once a night`;
  const count = /(?:^|;)COUNT=([^;]*)/i.exec(rrule)?.[1];
  if (count !== undefined && !/^[1-9]\d*$/.test(count)) return 'COUNT must be a whole number above 0';
  try {
    ruleFor(rrule, PROBE_START);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const PROBE_START = Temporal.ZonedDateTime.from('2025-01-01T00:30:00[UTC]');

function ruleFor(rrule: string, dtstart: Temporal.ZonedDateTime): RRuleTemporal {
  // strict: RFC 5545's own constraints (COUNT with UNTIL, UNTIL's type) are refused, not guessed at.
  return new RRuleTemporal({ rruleString: rrule, dtstart, strict: true, cache: false });
}

/** Whether a rule ends by itself (COUNT or UNTIL): only such a rule can be expanded without a period. */
export function ruleEnds(rrule: string): boolean {
  return /(?:^|;)(COUNT|UNTIL)=/i.test(rrule);
}

export class TooManyOccurrences extends Error {
  constructor() {
    super(`more than ${MAX_OCCURRENCES} occurrences: give the case file a shorter period, or the rule a COUNT or UNTIL`);
  }
}

/**
 * The occurrences of a window starting at `start` (its DTSTART) that overlap
 * `bounds` (all of them without bounds: the rule must end), in order, without
 * the skipped dates. Throws TooManyOccurrences past MAX_OCCURRENCES.
 */
export function occurrences(start: number, recurrence: Recurrence, bounds: Interval | undefined): Occurrence[] {
  const dtstart = Temporal.Instant.fromEpochMilliseconds(start * 1000).toZonedDateTimeISO(recurrence.timeZone);
  const rule = ruleFor(recurrence.rrule, dtstart);
  let starts: Temporal.ZonedDateTime[];
  try {
    if (bounds === undefined) {
      if (!ruleEnds(recurrence.rrule)) throw new TooManyOccurrences();
      starts = rule.all((_, i) => i <= MAX_OCCURRENCES);
    } else {
      // An occurrence that starts before the bounds may still run into them: look back its length, and a day for offset changes.
      const lookBack = recurrence.duration.total({ unit: 'seconds', relativeTo: dtstart }) + 86_400;
      const after = new Date(Math.max(start, bounds.start - lookBack) * 1000);
      starts = rule.between(after, new Date(bounds.end * 1000), true);
    }
  } catch (error) {
    // rrule-temporal stops a rule it cannot finish within its own iteration budget.
    if (error instanceof TooManyOccurrences || !(error instanceof Error) || !/Maximum|exceeded/i.test(error.message)) throw error;
    throw new TooManyOccurrences();
  }
  const skipped = new Set(recurrence.exdates);
  const found: Occurrence[] = [];
  for (const at of starts) {
    const date = at.toPlainDate().toString();
    if (skipped.has(date)) continue;
    const occurrence = { date, start: seconds(at), end: seconds(at.add(recurrence.duration)) };
    if (bounds === undefined || (occurrence.start < bounds.end && occurrence.end > bounds.start)) found.push(occurrence);
  }
  if (found.length > MAX_OCCURRENCES) throw new TooManyOccurrences();
  return found;
}

const seconds = (at: Temporal.ZonedDateTime) => Math.floor(at.epochMilliseconds / 1000);

/** The end of the occurrence starting at `start`: its local start plus the duration (P1D is a local day). */
export function occurrenceEnd(start: number, recurrence: Pick<Recurrence, 'timeZone' | 'duration'>): number {
  return seconds(Temporal.Instant.fromEpochMilliseconds(start * 1000).toZonedDateTimeISO(recurrence.timeZone).add(recurrence.duration));
}

/** A window as the case file gives it: with a `recurrence`, `start` is its first occurrence's (DTSTART). */
interface Window {
  id: string;
  start: number;
  end: number;
  recurrence?: Recurrence | undefined;
}

/**
 * Every recurring window replaced by its occurrences inside the period, each an
 * ordinary window `<id>@<local date>` with the series' kind, components and
 * notices (a notice announces the series). Without recurring windows, the list itself.
 */
export function expandWindows<W extends Window>(windows: readonly W[], period: Interval | undefined): readonly W[] {
  if (!windows.some((w) => w.recurrence !== undefined)) return windows;
  return windows.flatMap((window) => {
    const { recurrence, ...fields } = window;
    if (recurrence === undefined) return [window];
    return occurrences(window.start, recurrence, period).map((o) => ({ ...fields, id: `${window.id}@${o.date}`, start: o.start, end: o.end }) as unknown as W);
  });
}

/** Whether the rule, exceptions aside, has an occurrence on local `date` (YYYY-MM-DD in its zone): a date an operator may skip. */
export function occursOn(start: number, recurrence: Omit<Recurrence, 'exdates'>, date: string): boolean {
  const day = Temporal.PlainDate.from(date);
  const bounds = { start: seconds(day.toZonedDateTime(recurrence.timeZone)), end: seconds(day.add({ days: 1 }).toZonedDateTime(recurrence.timeZone)) };
  return occurrences(start, { ...recurrence, exdates: [] }, bounds).some((o) => o.date === date);
}
