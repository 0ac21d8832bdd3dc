import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MaintenanceKind } from '../domain/sets.ts';
import { epochSeconds } from '../case-file/fields.ts';
import { judgeWindow } from './maintenance-verdict.ts';
import type { Violation } from './maintenance-rules.ts';

const HCM = 'Asia/Ho_Chi_Minh';
const SIX = Temporal.PlainTime.from('06:00');
/** A Ho Chi Minh City local time, as epoch seconds. */
const vn = (local: string) => epochSeconds(`${local}+07:00`);
const H = 3600;

function verdict(kind: MaintenanceKind, start: string, end: string, noticeLeadsH: number[] = [], zone = HCM, latestEnd = SIX) {
  const s = vn(start);
  return judgeWindow({ kind, start: s, end: vn(end), notices: noticeLeadsH.map((h) => s - h * H) }, zone, latestEnd);
}

type Row = { name: string; kind: MaintenanceKind; start: string; end: string; notices?: number[]; want: Violation[] };

// docs/contract.md §3.1 / SLA §C.1: each kind's hours, in the contract's local time.
describe('hours (docs/contract.md §3.1)', () => {
  it.each<Row>([
    { name: 'minor update at 19:00', kind: 'minor_update', start: '2025-03-10T19:00', end: '2025-03-10T23:00', want: [] },
    { name: 'minor update at 18:59', kind: 'minor_update', start: '2025-03-10T18:59', end: '2025-03-10T23:00', want: ['starts_outside_hours'] },
    { name: 'minor update ending exactly at 06:00', kind: 'minor_update', start: '2025-03-10T19:00', end: '2025-03-11T06:00', want: [] },
    { name: 'minor update ending 06:01', kind: 'minor_update', start: '2025-03-10T19:00', end: '2025-03-11T06:01', want: ['ends_too_late'] },
    { name: 'minor update at 03:00, in the night before', kind: 'minor_update', start: '2025-03-11T03:00', end: '2025-03-11T04:00', want: [] },
    { name: 'minor update at 06:00, the night is over', kind: 'minor_update', start: '2025-03-11T06:00', end: '2025-03-11T07:00', want: ['starts_outside_hours'] },
    { name: 'infrastructure at 22:00', kind: 'infrastructure', start: '2025-03-10T22:00', end: '2025-03-11T02:00', notices: [48], want: [] },
    { name: 'infrastructure at 21:59', kind: 'infrastructure', start: '2025-03-10T21:59', end: '2025-03-11T02:00', notices: [48], want: ['starts_outside_hours'] },
    { name: 'infrastructure past 06:00', kind: 'infrastructure', start: '2025-03-10T23:00', end: '2025-03-11T06:30', notices: [48], want: ['ends_too_late'] },
    { name: 'backup at midnight', kind: 'backup', start: '2025-03-11T00:00', end: '2025-03-11T05:00', want: [] },
    { name: 'backup at 23:30: its night starts at midnight', kind: 'backup', start: '2025-03-10T23:30', end: '2025-03-11T01:00', want: ['starts_outside_hours'] },
    { name: 'backup ends the same morning, not the next', kind: 'backup', start: '2025-03-11T01:00', end: '2025-03-11T07:00', want: ['ends_too_late'] },
    { name: 'backup at 05:00', kind: 'backup', start: '2025-03-11T05:00', end: '2025-03-11T05:30', want: [] },
  ])('$name → $want', ({ kind, start, end, notices, want }) => {
    expect(verdict(kind, start, end, notices).violations).toEqual(want);
  });

  it('latestEnd is a setting: 05:00 makes a 05:30 end too late', () => {
    const v = verdict('minor_update', '2025-03-10T19:00', '2025-03-11T05:30', [], HCM, Temporal.PlainTime.from('05:00'));
    expect(v).toEqual({ valid: false, violations: ['ends_too_late'] });
  });

  it('a night spanning a DST change is judged on local clocks (Berlin, 2025-03-30)', () => {
    const start = epochSeconds('2025-03-29T22:00:00+01:00');
    const end = epochSeconds('2025-03-30T06:00:00+02:00'); // 7 h later, 06:00 local
    expect(judgeWindow({ kind: 'minor_update', start, end, notices: [] }, 'Europe/Berlin', SIX).valid).toBe(true);
    expect(judgeWindow({ kind: 'minor_update', start, end: end + 1, notices: [] }, 'Europe/Berlin', SIX).violations).toEqual(['ends_too_late']);
  });
});

// docs/contract.md §3.1: version upgrades only on nights of days 11–25.
describe('version_upgrade day of month (docs/contract.md §3.1)', () => {
  const ok = [96, 48];
  it.each<Row>([
    { name: 'night of the 11th', kind: 'version_upgrade', start: '2025-03-11T22:00', end: '2025-03-12T02:00', notices: ok, want: [] },
    { name: 'night of the 10th', kind: 'version_upgrade', start: '2025-03-10T22:00', end: '2025-03-11T02:00', notices: ok, want: ['wrong_day_of_month'] },
    { name: '01:00 on the 11th belongs to the night of the 10th', kind: 'version_upgrade', start: '2025-03-11T01:00', end: '2025-03-11T02:00', notices: ok, want: ['wrong_day_of_month'] },
    { name: 'night of the 25th', kind: 'version_upgrade', start: '2025-03-25T22:00', end: '2025-03-26T02:00', notices: ok, want: [] },
    { name: '01:00 on the 26th belongs to the night of the 25th', kind: 'version_upgrade', start: '2025-03-26T01:00', end: '2025-03-26T02:00', notices: ok, want: [] },
    { name: 'night of the 26th', kind: 'version_upgrade', start: '2025-03-26T22:00', end: '2025-03-27T02:00', notices: ok, want: ['wrong_day_of_month'] },
    { name: 'outside hours on the 26th: the start date is used', kind: 'version_upgrade', start: '2025-03-26T12:00', end: '2025-03-26T13:00', notices: ok, want: ['starts_outside_hours', 'wrong_day_of_month'] },
    { name: 'outside hours on the 15th', kind: 'version_upgrade', start: '2025-03-15T12:00', end: '2025-03-15T13:00', notices: ok, want: ['starts_outside_hours'] },
  ])('$name → $want', ({ kind, start, end, notices, want }) => {
    expect(verdict(kind, start, end, notices).violations).toEqual(want);
  });
});

// docs/contract.md §3.1: infrastructure ≥ 24 h; version upgrade ≥ 72 h and another ≥ 24 h; only notices before the start count.
describe('notices (docs/contract.md §3.1)', () => {
  const infra = (notices: number[]) => verdict('infrastructure', '2025-03-10T22:00', '2025-03-11T02:00', notices).violations;
  const upgrade = (notices: number[]) => verdict('version_upgrade', '2025-03-12T22:00', '2025-03-13T02:00', notices).violations;
  it.each([
    { notices: [], want: ['notice_missing'] },
    { notices: [-1], want: ['notice_missing'] }, // sent after the start: does not count
    { notices: [0], want: ['notice_missing'] }, // sent at the start: not before it
    { notices: [23.99], want: ['notice_too_late'] },
    { notices: [24], want: [] },
    { notices: [2, 30], want: [] },
  ])('infrastructure, notices $notices h before → $want', ({ notices, want }) => {
    expect(infra(notices)).toEqual(want);
  });
  it.each([
    { notices: [], want: ['notice_missing'] },
    { notices: [-5, -80], want: ['notice_missing'] },
    { notices: [10], want: ['notice_too_late'] },
    { notices: [48, 30], want: ['notice_too_late'] }, // two, but none ≥ 72 h
    { notices: [80], want: ['second_notice_missing'] },
    { notices: [80, 10], want: ['second_notice_missing'] },
    { notices: [80, 80], want: ['second_notice_missing'] }, // the same instant twice is one notice
    { notices: [80, 24], want: [] },
    { notices: [72, 30], want: [] },
    { notices: [100, 75], want: [] }, // the second only needs ≥ 24 h
  ])('version upgrade, notices $notices h before → $want', ({ notices, want }) => {
    expect(upgrade(notices)).toEqual(want);
  });
  it.each<{ kind: MaintenanceKind; start: string; end: string }>([
    { kind: 'minor_update', start: '2025-03-10T20:00', end: '2025-03-10T21:00' },
    { kind: 'backup', start: '2025-03-11T01:00', end: '2025-03-11T02:00' },
  ])('$kind needs no notice', ({ kind, start, end }) => {
    expect(verdict(kind, start, end, []).valid).toBe(true);
  });
  it('lists notice, hours and day-of-month violations in docs/case-file.md order', () => {
    expect(verdict('version_upgrade', '2025-03-26T12:00', '2025-03-26T13:00', [80]).violations).toEqual([
      'second_notice_missing',
      'starts_outside_hours',
      'wrong_day_of_month',
    ]);
  });
});

// docs/case-file.md: "one window can be valid for one contract and invalid for another".
describe('time zones (docs/contract.md §6)', () => {
  it('a window inside Vietnam\'s night is valid for Ho Chi Minh City and not for Berlin', () => {
    const day = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 90 }), (d, minutes) => {
        const date = Temporal.PlainDate.from(d.toISOString().slice(0, 10));
        const startZ = date.toZonedDateTime({ timeZone: HCM, plainTime: Temporal.PlainTime.from('22:00') }).add({ minutes });
        const start = startZ.epochMilliseconds / 1000;
        const window = { kind: 'infrastructure' as const, start, end: start + 4 * H, notices: [start - 30 * H] };
        expect(judgeWindow(window, HCM, SIX)).toEqual({ valid: true, violations: [] });
        // 22:00–23:30 in Vietnam is 16:00–18:30 in Berlin (UTC+1/+2): before the 22:00 start there.
        expect(judgeWindow(window, 'Europe/Berlin', SIX)).toEqual({ valid: false, violations: ['starts_outside_hours'] });
      }),
    );
  });
});
