// The 90-day bar's days are local days in the reader's time zone (default
// Asia/Ho_Chi_Minh, docs/contract.md §6), not UTC ones: Temporal finds where
// each begins, including days of 23 or 25 hours in zones with DST.

export interface LocalDay {
  /** ISO date, e.g. 2026-11-25. */
  date: string;
  /** Epoch ms of the day's first instant. */
  start: number;
  /** Epoch ms of the next day's first instant, or `nowMs` for today. */
  end: number;
}

/** The last `count` local days up to and including today, oldest first; today ends at `nowMs`. */
export function localDays(nowMs: number, timeZone: string, count: number): LocalDay[] {
  const today = Temporal.Instant.fromEpochMilliseconds(nowMs).toZonedDateTimeISO(timeZone).toPlainDate();
  const days: LocalDay[] = [];
  let next = today.add({ days: 1 }).toZonedDateTime(timeZone).epochMilliseconds;
  for (let i = 0; i < count; i++) {
    const date = today.subtract({ days: i });
    const start = date.toZonedDateTime(timeZone).epochMilliseconds;
    days.push({ date: date.toString(), start, end: Math.min(next, nowMs) });
    next = start;
  }
  return days.reverse();
}

/** Whether `timeZone` is an IANA zone Temporal knows (the API refuses others with a 400). */
export function isTimeZone(timeZone: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}
