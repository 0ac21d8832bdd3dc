import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayOfMonth, plainDate, zoneClock } from './zone-clock.ts';

// The clock must agree with Temporal everywhere, including the days clocks
// jump (gaps) or repeat (folds): maintenance verdicts depend on it (docs/contract.md §6).
const ZONES = ['Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kathmandu', 'Pacific/Apia'];
const instant = fc.integer({ min: Date.parse('2010-01-01T00:00:00Z') / 1000, max: Date.parse('2030-12-31T00:00:00Z') / 1000 });

/** Instants at and around a zone's offset changes in 2010–2030: where a stretch of constant offset starts. */
const transitions = (zone: string): number[] => {
  const out: number[] = [];
  const start = Temporal.Instant.from('2010-01-01T00:00:00Z').toZonedDateTimeISO(zone);
  for (let zdt = start.getTimeZoneTransition('next'); zdt !== null && zdt.year <= 2030; zdt = zdt.getTimeZoneTransition('next')) out.push(zdt.epochMilliseconds / 1000);
  return out;
};
const nearTransition = fc
  .constantFrom(...ZONES.flatMap(transitions))
  .chain((t) => fc.constantFrom(t - 1, t, t + 1, t - 3600, t + 3600));

describe('zoneClock agrees with Temporal', () => {
  it('an instant exactly at an offset change does not lend the new offset to the hours before it', () => {
    // Found by the property below with a random seed (session 1's CI run): the
    // stretch built at 01:00Z on 2020-03-29 started at the previous change.
    const clock = zoneClock('Europe/Berlin');
    clock.localDay(Date.parse('2020-03-29T01:00:00Z') / 1000);
    const day = Date.parse('2020-03-28T00:00:00Z') / 86_400_000;
    expect(clock.instantAt(day, 12 * 3600)).toBe(Date.parse('2020-03-28T11:00:00Z') / 1000);
  });

  it('localDay', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.array(fc.oneof(instant, nearTransition), { minLength: 1, maxLength: 30 }), (zone, instants) => {
        const clock = zoneClock(zone);
        for (const t of instants) {
          const want = Temporal.Instant.fromEpochMilliseconds(t * 1000).toZonedDateTimeISO(zone).toPlainDate();
          expect(plainDate(clock.localDay(t)).toString()).toBe(want.toString());
        }
      }),
    );
  });

  it('instantAt, on ordinary days and on the days the clocks change', () => {
    const transitionDays = (zone: string) => {
      const days: number[] = [];
      let zdt: Temporal.ZonedDateTime | null = Temporal.Instant.from('2020-01-01T00:00:00Z').toZonedDateTimeISO(zone);
      for (let i = 0; i < 8 && zdt !== null; i++) {
        zdt = zdt.getTimeZoneTransition('next');
        if (zdt !== null) days.push(Math.floor((zdt.epochMilliseconds / 1000 + zdt.offsetNanoseconds / 1e9) / 86_400));
      }
      return days;
    };
    const day = fc.oneof(
      fc.integer({ min: 14_600, max: 22_000 }),
      fc.constantFrom(...ZONES.flatMap(transitionDays)).chain((d) => fc.integer({ min: d - 1, max: d + 1 })),
    );
    fc.assert(
      // One clock serves many questions; `earlier` are instants it was asked
      // about before (the stretches it has cached), near offset changes on purpose.
      fc.property(fc.constantFrom(...ZONES), day, fc.integer({ min: 0, max: 86_399 }), fc.array(nearTransition, { maxLength: 4 }), (zone, d, second, earlier) => {
        const time = Temporal.PlainTime.from({ hour: Math.floor(second / 3600), minute: Math.floor(second / 60) % 60, second: second % 60 });
        const want = plainDate(d).toZonedDateTime({ timeZone: zone, plainTime: time }).epochMilliseconds / 1000;
        const clock = zoneClock(zone);
        for (const t of earlier) clock.localDay(t);
        expect(clock.instantAt(d, second)).toBe(want);
      }),
      { numRuns: 500 },
    );
  });
});

describe('day numbers', () => {
  it.each([
    { day: 0, date: '1970-01-01', dom: 1 },
    { day: 20_147, date: '2025-02-28', dom: 28 },
    { day: 20_148, date: '2025-03-01', dom: 1 },
  ])('$day is $date', ({ day, date, dom }) => {
    expect(plainDate(day).toString()).toBe(date);
    expect(dayOfMonth(day)).toBe(dom);
  });
});
