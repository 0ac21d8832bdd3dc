// RFC 5545 §3.6.5: a calendar that names a TZID carries its VTIMEZONE, so a
// recurring event's local start (issue #16) means the same instants in every
// client. Built from Temporal's own transitions for the years asked; a zone
// without any then (Asia/Ho_Chi_Minh since 1975) is one STANDARD offset.

const offsetText = (z: Temporal.ZonedDateTime) => z.offset.replace(':', '');
const localText = (z: Temporal.ZonedDateTime) => z.toPlainDateTime().toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');

export function vtimezone(timeZone: string, fromYear: number, toYear: number): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const end = Temporal.PlainDate.from({ year: toYear + 1, month: 1, day: 1 }).toZonedDateTime(timeZone);
  let at = Temporal.PlainDate.from({ year: fromYear, month: 1, day: 1 }).toZonedDateTime(timeZone);
  const first = at;
  for (let next = at.getTimeZoneTransition('next'); next !== null && Temporal.ZonedDateTime.compare(next, end) < 0; next = at.getTimeZoneTransition('next')) {
    const before = next.subtract({ nanoseconds: 1 });
    // DTSTART is the transition's local time on the clock it ends (RFC 5545 §3.6.5).
    const onOldClock = next.toInstant().toZonedDateTimeISO(before.offset);
    const kind = next.offsetNanoseconds > before.offsetNanoseconds ? 'DAYLIGHT' : 'STANDARD';
    lines.push(`BEGIN:${kind}`, `DTSTART:${localText(onOldClock)}`, `TZOFFSETFROM:${offsetText(before)}`, `TZOFFSETTO:${offsetText(next)}`, `END:${kind}`);
    at = next;
  }
  if (at === first) lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offsetText(first)}`, `TZOFFSETTO:${offsetText(first)}`, 'END:STANDARD');
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
