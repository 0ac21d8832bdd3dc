import { describe, expect, it } from 'vitest';
import { entryMemo, freshEntries, type OutageRow, type WindowRow } from './entry-memo.ts';

// Issue #13: entryMemo must give, for every row, the entry freshEntries makes
// of it, and the same object only for the same row: factMemo remembers parsed
// facts by that object.

const outage: OutageRow = { id: 7, component_id: 'c-001', impact: 'major_outage', class_override: null, recorded_by: null, start_ms: '1767225600123', end_ms: '1767229200000' };
const window: WindowRow = { id: 3, kind: 'infrastructure', start_ms: '1767225600000', end_ms: '1767232800000', rrule: null, time_zone: null, duration: null, exdates: [] };
const nightly: WindowRow = { ...window, kind: 'backup', rrule: 'FREQ=DAILY', time_zone: 'Asia/Ho_Chi_Minh', duration: 'PT2H', exdates: ['2026-01-05'] };
const deeplyFrozen = (w: { components: readonly string[]; notices: readonly unknown[] }) => Object.isFrozen(w) && Object.isFrozen(w.components) && Object.isFrozen(w.notices);

describe('entryMemo', () => {
  it('gives a row the entry freshEntries gives, frozen, and the same object the next time', () => {
    const memo = entryMemo();
    const first = memo.outage(outage);
    expect(first).toEqual(freshEntries.outage(outage));
    expect(first).toEqual({ id: 'O-7', component: 'c-001', impact: 'major_outage', start: '2026-01-01T00:00:00.123Z', end: '2026-01-01T01:00:00.000Z' });
    expect(Object.isFrozen(first)).toBe(true);
    expect(memo.outage({ ...outage })).toBe(first);
    const w = memo.window(window, ['c-001'], ['1767052800000']);
    expect(w).toEqual(freshEntries.window(window, ['c-001'], ['1767052800000']));
    expect(deeplyFrozen(w)).toBe(true);
    expect(memo.window({ ...window }, ['c-001'], ['1767052800000'])).toBe(w);
  });

  // Issue #15: a delivered notice (its digits end in `d`) is an entry of its own, with its provenance.
  it('tells a delivered notice from a declared one at the same instant', () => {
    const memo = entryMemo();
    const declared = memo.window(window, ['c-001'], ['1767052800000']);
    const delivered = memo.window(window, ['c-001'], ['1767052800000d']);
    expect(declared.notices).toEqual(['2025-12-30T00:00:00.000Z']);
    expect(delivered.notices).toEqual([{ at: '2025-12-30T00:00:00.000Z', provenance: 'delivered' }]);
    expect(delivered).toEqual(freshEntries.window(window, ['c-001'], ['1767052800000d']));
  });

  it.each<[string, Partial<OutageRow>]>([
    ['another id', { id: 8 }],
    ['another component', { component_id: 'c-002' }],
    ['another impact', { impact: 'partial_outage' }],
    ['a class override', { class_override: 'very_critical' }],
    ['a later start, by a millisecond', { start_ms: '1767225600124' }],
    ['a later end', { end_ms: '1767229201000' }],
  ])('an outage row with %s: a new entry', (_, change) => {
    const memo = entryMemo();
    memo.outage(outage);
    const changed = { ...outage, ...change };
    expect(memo.outage(changed)).toEqual(freshEntries.outage(changed));
    expect(memo.outage(changed)).not.toEqual(memo.outage(outage));
  });

  it.each<[string, WindowRow, string[], string[]]>([
    ['another kind', { ...window, kind: 'backup' }, ['c-001'], []],
    ['a moved start', { ...window, start_ms: '1767225660000' }, ['c-001'], []],
    ['a moved end', { ...window, end_ms: '1767232860000' }, ['c-001'], []],
    ['another component', window, ['c-002'], []],
    ['one more component', window, ['c-001', 'c-002'], []],
    ['a notice', window, ['c-001'], ['1767052800000']],
    // Joined without the count, these two would read alike.
    ['a component that reads like a notice', window, ['c-001', '1767052800000'], []],
    // Issue #16: a recurring window's rule, zone, length and skipped dates are the entry's too.
    ['a recurrence', nightly, ['c-001'], []],
  ])('a window with %s: a new entry', (_, row, components, notices) => {
    const memo = entryMemo();
    const before = memo.window(window, ['c-001'], []);
    const { components: listed } = memo.window(window, ['c-001', '1767052800000'], []);
    expect(listed).toEqual(['c-001', '1767052800000']);
    expect(memo.window(window, ['c-001'], ['1767052800000']).components).toEqual(['c-001']);
    const after = memo.window(row, components, notices);
    expect(after).toEqual(freshEntries.window(row, components, notices));
    expect(after).not.toEqual(before);
  });

  it.each<[string, Partial<WindowRow>]>([
    ['another rule', { rrule: 'FREQ=WEEKLY' }],
    ['another zone', { time_zone: 'Europe/Berlin' }],
    ['another length', { duration: 'PT3H' }],
    ['one more skipped date', { exdates: ['2026-01-05', '2026-01-06'] }],
  ])('a recurring window with %s: a new entry, deeply frozen', (_, change) => {
    const memo = entryMemo();
    const before = memo.window(nightly, ['c-001'], []);
    expect(before).toMatchObject({ id: 'M-3', recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Asia/Ho_Chi_Minh', duration: 'PT2H', exdates: ['2026-01-05'] } });
    expect(before).not.toHaveProperty('end');
    expect(Object.isFrozen(before.recurrence) && Object.isFrozen(before.recurrence!.exdates)).toBe(true);
    const changed = { ...nightly, ...change };
    expect(memo.window(changed, ['c-001'], [])).toEqual(freshEntries.window(changed, ['c-001'], []));
    expect(memo.window(changed, ['c-001'], [])).not.toEqual(before);
  });

  it('keeps what rows made unfrozen when made fresh', () => {
    const entry = freshEntries.window(window, ['c-001'], []);
    expect(Object.isFrozen(entry) || Object.isFrozen(entry.components)).toBe(false);
    expect(freshEntries.outage(outage)).not.toBe(freshEntries.outage(outage));
  });
});
