// The nights of sla-policy.md §3.1, in a contract's own time zone (§6): local
// date D's night runs from D at the kind's earliest start to the next
// `latestEnd` after it. Temporal does the zone maths (offsets, DST).

export interface Night {
  /** The local date D the night belongs to (its day of month is what version upgrades are judged on). */
  date: Temporal.PlainDate;
  start: number;
  end: number;
}

export function nightOf(date: Temporal.PlainDate, timeZone: string, earliest: Temporal.PlainTime, latestEnd: Temporal.PlainTime): Night {
  const start = epochSeconds(date.toZonedDateTime({ timeZone, plainTime: earliest }));
  let end = epochSeconds(date.toZonedDateTime({ timeZone, plainTime: latestEnd }));
  if (end <= start) end = epochSeconds(date.add({ days: 1 }).toZonedDateTime({ timeZone, plainTime: latestEnd }));
  return { date, start, end };
}

/**
 * The night whose [start, end) holds `instant`, if any. Nights start on
 * distinct local dates and never overlap, so it is the latest night that
 * starts at or before the instant: today's, or else yesterday's.
 */
export function nightContaining(
  instant: number,
  timeZone: string,
  earliest: Temporal.PlainTime,
  latestEnd: Temporal.PlainTime,
): Night | undefined {
  const today = localDate(instant, timeZone);
  let night = nightOf(today, timeZone, earliest, latestEnd);
  if (night.start > instant) night = nightOf(today.subtract({ days: 1 }), timeZone, earliest, latestEnd);
  return night.start <= instant && instant < night.end ? night : undefined;
}

export function localDate(instant: number, timeZone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(instant * 1000).toZonedDateTimeISO(timeZone).toPlainDate();
}

function epochSeconds(zoned: Temporal.ZonedDateTime): number {
  return Math.floor(zoned.epochMilliseconds / 1000);
}
