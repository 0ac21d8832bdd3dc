import { describe, expect, it } from 'vitest';
import type { CaseFileInput } from '../case-file/schema.ts';
import { baseCase, H, majorOutage, runOne, vn } from './fixtures.ts';
import { MAX_OCCURRENCES, occurrences, TooManyOccurrences } from './recurrence.ts';

// SLA §C.1, docs/contract.md §3.1 (issue #16): a recurring window is its
// occurrences, each named `<id>@<local date>` and judged as a window of its own.

type Window = NonNullable<CaseFileInput['maintenance']>[number];
const nightly = (over: Partial<Window> = {}, recurrence: Record<string, unknown> = {}): Window => ({
  id: 'M-backup',
  kind: 'backup',
  components: ['app'],
  start: vn('2025-03-01T00:30'),
  recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Asia/Ho_Chi_Minh', duration: 'PT2H', ...recurrence } as never,
  ...over,
});
const march = (from: string, to: string) => ({ from: vn(from), to: vn(to) });
const verdicts = (input: CaseFileInput, id = 'C-1') => runOne(input, id).maintenance.map(({ ref, valid, violations }) => ({ ref, valid, violations }));
const refs = (input: CaseFileInput) => runOne(input).maintenance.map((v) => v.ref);

describe('a recurring window is its occurrences', () => {
  it('a nightly backup from 00:30 needs no notice: every night in the period is valid', () => {
    expect(verdicts(baseCase({ period: march('2025-03-01T00:00', '2025-03-04T00:00'), maintenance: [nightly()] }))).toEqual([
      { ref: 'M-backup@2025-03-01', valid: true, violations: [] },
      { ref: 'M-backup@2025-03-02', valid: true, violations: [] },
      { ref: 'M-backup@2025-03-03', valid: true, violations: [] },
    ]);
  });

  it.each<{ name: string; recurrence: Record<string, unknown>; period?: ReturnType<typeof march>; refs: string[] }>([
    { name: 'an exception skips its date', recurrence: { exdates: ['2025-03-02'] }, period: march('2025-03-01T00:00', '2025-03-04T00:00'), refs: ['M-backup@2025-03-01', 'M-backup@2025-03-03'] },
    { name: 'COUNT is honoured without a period', recurrence: { rrule: 'FREQ=DAILY;COUNT=2' }, refs: ['M-backup@2025-03-01', 'M-backup@2025-03-02'] },
    { name: 'COUNT is honoured inside a period', recurrence: { rrule: 'FREQ=DAILY;COUNT=2' }, period: march('2025-03-02T00:00', '2025-03-10T00:00'), refs: ['M-backup@2025-03-02'] },
    { name: 'UNTIL is honoured', recurrence: { rrule: 'FREQ=DAILY;UNTIL=20250302T000000Z' }, refs: ['M-backup@2025-03-01', 'M-backup@2025-03-02'] },
    { name: 'weekly on Sundays', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU' }, period: march('2025-03-01T00:00', '2025-03-17T00:00'), refs: ['M-backup@2025-03-02', 'M-backup@2025-03-09', 'M-backup@2025-03-16'] },
    { name: 'an occurrence that starts before the period and runs into it belongs to it', recurrence: {}, period: march('2025-03-02T01:00', '2025-03-02T12:00'), refs: ['M-backup@2025-03-02'] },
    { name: 'nothing before the series starts', recurrence: {}, period: march('2025-02-20T00:00', '2025-03-02T00:00'), refs: ['M-backup@2025-03-01'] },
  ])('$name', ({ recurrence, period, refs: expected }) => {
    expect(refs(baseCase({ ...(period ? { period } : {}), maintenance: [nightly({}, recurrence)] }))).toEqual(expected);
  });

  it('an occurrence outside the allowed hours is flagged, not silently excused', () => {
    const input = baseCase({
      period: march('2025-03-10T00:00', '2025-03-12T00:00'),
      outages: [majorOutage('O', '2025-03-10T21:00', '2025-03-10T23:00')],
      // infrastructure may start at 22:00 at the earliest; one notice, ≥ 24 h ahead, announces the series.
      maintenance: [nightly({ id: 'M-infra', kind: 'infrastructure', start: vn('2025-03-10T21:00'), notices: [vn('2025-03-08T10:00')] }, { rrule: 'FREQ=DAILY;COUNT=2' })],
    });
    expect(verdicts(input)).toEqual([
      { ref: 'M-infra@2025-03-10', valid: false, violations: ['starts_outside_hours'] },
      { ref: 'M-infra@2025-03-11', valid: false, violations: ['starts_outside_hours'] },
    ]);
    expect(runOne(input).credits[0]).toMatchObject({ creditableSeconds: 2 * H, excluded: [] });
  });

  it('a notice announces every later occurrence of its series, each judged at its own start', () => {
    const input = baseCase({
      maintenance: [nightly({ id: 'M-infra', kind: 'infrastructure', start: vn('2025-03-10T22:00'), notices: [vn('2025-03-10T08:00')] }, { rrule: 'FREQ=DAILY;COUNT=2' })],
    });
    expect(verdicts(input)).toEqual([
      { ref: 'M-infra@2025-03-10', valid: false, violations: ['notice_too_late'] },
      { ref: 'M-infra@2025-03-11', valid: true, violations: [] },
    ]);
  });

  it('the overrun past an occurrence’s end is an ordinary outage', () => {
    const input = baseCase({
      period: march('2025-03-01T00:00', '2025-03-08T00:00'),
      outages: [majorOutage('O', '2025-03-05T00:30', '2025-03-05T06:30')],
      maintenance: [nightly()],
    });
    expect(runOne(input).credits[0]).toMatchObject({ outageSeconds: 6 * H, creditableSeconds: 4 * H, excluded: [{ reason: 'maintenance', ref: 'M-backup@2025-03-05', seconds: 2 * H }] });
  });
});

describe('time zones', () => {
  const berlin = (start: string, rrule = 'FREQ=DAILY;COUNT=3') => ({ start, recurrence: { rrule, timeZone: 'Europe/Berlin', duration: 'PT1H', exdates: [] as string[] } });
  const at = (instant: string) => Temporal.Instant.from(instant).epochMilliseconds / 1000;

  it('keeps the local start across a change of offset (Berlin, 30 March 2025)', () => {
    const { start, recurrence } = berlin('2025-03-29T00:30:00+01:00');
    expect(occurrences(at(start), { ...recurrence, duration: Temporal.Duration.from(recurrence.duration) }, undefined)).toEqual([
      { date: '2025-03-29', start: at('2025-03-29T00:30:00+01:00'), end: at('2025-03-29T01:30:00+01:00') },
      { date: '2025-03-30', start: at('2025-03-30T00:30:00+01:00'), end: at('2025-03-30T01:30:00+01:00') },
      { date: '2025-03-31', start: at('2025-03-31T00:30:00+02:00'), end: at('2025-03-31T01:30:00+02:00') },
    ]);
  });

  it('a local start the clock skips has no occurrence that day (RFC 5545 §3.3.10)', () => {
    const { start, recurrence } = berlin('2025-03-29T02:30:00+01:00');
    const dates = occurrences(at(start), { ...recurrence, duration: Temporal.Duration.from('PT1H') }, undefined).map((o) => o.date);
    expect(dates).toEqual(['2025-03-29', '2025-03-31', '2025-04-01']);
  });

  it('is judged in each contract’s zone: Ho Chi Minh City’s 00:30 is 18:30 the evening before in Berlin', () => {
    const input = baseCase({ maintenance: [nightly({}, { rrule: 'FREQ=DAILY;COUNT=1' })] });
    input.contracts!.push({ ...input.contracts![0]!, id: 'C-berlin', timeZone: 'Europe/Berlin' });
    expect(verdicts(input, 'C-1')).toEqual([{ ref: 'M-backup@2025-03-01', valid: true, violations: [] }]);
    expect(verdicts(input, 'C-berlin')).toEqual([{ ref: 'M-backup@2025-03-01', valid: false, violations: ['starts_outside_hours'] }]);
  });
});

describe('expansion is bounded', () => {
  const daily = { rrule: 'FREQ=DAILY', timeZone: 'UTC', duration: Temporal.Duration.from('PT1H'), exdates: [] };
  it('a rule without an end cannot be expanded without a period', () => {
    expect(() => occurrences(0, daily, undefined)).toThrow(TooManyOccurrences);
  });
  it(`refuses more than ${MAX_OCCURRENCES} occurrences`, () => {
    expect(() => occurrences(0, daily, { start: 0, end: (MAX_OCCURRENCES + 1) * 86_400 })).toThrow(TooManyOccurrences);
    expect(occurrences(0, daily, { start: 0, end: MAX_OCCURRENCES * 86_400 })).toHaveLength(MAX_OCCURRENCES);
  });
});
