import type { MaintenanceKind } from '@sla/shared/domain/sets.ts';
import { epochSeconds } from '@sla/shared/case-file/fields.ts';
import { windowJudge, type MaintenanceWindow } from '@sla/shared/engine/maintenance-verdict.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verdictMemo } from './verdict-memo.ts';

// Issue #13: verdictMemo must answer exactly what windowJudge answers
// (SLA §C.1, docs/contract.md §3.1, §6), however often a window is judged
// again and whatever changed about it in between.

const HCM = 'Asia/Ho_Chi_Minh';
const SIX = Temporal.PlainTime.from('06:00');
const H = 3600;
const vn = (local: string) => epochSeconds(`${local}+07:00`);
/** An infrastructure window 22:30–00:30 in Vietnam, announced 48 h ahead: valid there with latestEnd 06:00. */
const good: MaintenanceWindow = { kind: 'infrastructure', start: vn('2026-03-10T22:30'), end: vn('2026-03-11T00:30'), notices: [vn('2026-03-08T22:30')] };

/** A memo and how many windows reached the judge behind it. */
function counted(generation?: number) {
  let judged = 0;
  const memo = verdictMemo(generation, (zone, latestEnd, settings) => {
    const judge = windowJudge(zone, latestEnd, settings);
    return (w) => {
      judged++;
      return judge(w);
    };
  });
  return { memo, judged: () => judged };
}

describe('verdictMemo', () => {
  it('judges a window again only when one of its inputs changed', () => {
    const { memo, judged } = counted();
    expect(memo(HCM, SIX)(good)).toEqual({ valid: true, violations: [] });
    expect(memo(HCM, SIX)({ ...good, notices: [...good.notices] })).toEqual({ valid: true, violations: [] });
    expect(judged()).toBe(1);
  });

  it.each<[string, MaintenanceWindow, string, Temporal.PlainTime, string[]]>([
    ['no notice yet', { ...good, notices: [] }, HCM, SIX, ['notice_missing']],
    ['a notice sent after the start', { ...good, notices: [good.start + H] }, HCM, SIX, ['notice_missing']],
    ['moved to the afternoon', { ...good, start: good.start - 8 * H, end: good.end - 8 * H }, HCM, SIX, ['starts_outside_hours']],
    ['ending after latestEnd', { ...good, end: vn('2026-03-11T06:30') }, HCM, SIX, ['ends_too_late']],
    ['another kind', { ...good, kind: 'version_upgrade' }, HCM, SIX, ['notice_too_late', 'wrong_day_of_month']],
    ['judged in Berlin', good, 'Europe/Berlin', SIX, ['starts_outside_hours']],
    ['a policy ending nights at 00:00', good, HCM, Temporal.PlainTime.from('00:00'), ['ends_too_late']],
  ])('%s: a new answer, not the one remembered for the valid window', (_, changed, zone, latestEnd, violations) => {
    const { memo } = counted();
    expect(memo(HCM, SIX)(good).valid).toBe(true);
    expect(memo(zone, latestEnd)(changed)).toEqual({ valid: false, violations });
    // And the other way round: the valid window is still valid after the changed one was judged.
    expect(memo(HCM, SIX)(good)).toEqual({ valid: true, violations: [] });
  });

  it('keeps the verdicts of a deeply frozen window with it, per zone, and judges again one whose notices can still change', () => {
    const { memo, judged } = counted();
    const frozen = Object.freeze({ ...good, notices: Object.freeze([...good.notices]) });
    expect(memo(HCM, SIX)(frozen)).toEqual({ valid: true, violations: [] });
    expect(memo(HCM, SIX)(frozen)).toEqual({ valid: true, violations: [] });
    expect(judged()).toBe(1);
    expect(memo('Europe/Berlin', SIX)(frozen)).toEqual({ valid: false, violations: ['starts_outside_hours'] });
    expect(memo(HCM, Temporal.PlainTime.from('00:00'))(frozen)).toEqual({ valid: false, violations: ['ends_too_late'] });
    expect(judged()).toBe(3);
    // Frozen, but its notices are not: a notice withdrawn under it is a new answer.
    const open = Object.freeze({ ...good, notices: [...good.notices] });
    expect(memo(HCM, SIX)(open).valid).toBe(true);
    open.notices.pop();
    expect(memo(HCM, SIX)(open)).toEqual({ valid: false, violations: ['notice_missing'] });
  });

  // Issue #15: whether declared notices count is an input, and so is which notices were delivered.
  it.each([
    ['open', (w: MaintenanceWindow) => w],
    ['deeply frozen', (w: MaintenanceWindow) => Object.freeze({ ...w, notices: Object.freeze([...w.notices]), ...(w.delivered ? { delivered: Object.freeze([...w.delivered]) } : {}) })],
  ])('a policy counting only delivered notices, and a delivered notice, are new answers (%s window)', (_, shape) => {
    const { memo } = counted();
    const strict = { declaredNoticesCount: false };
    expect(memo(HCM, SIX)(shape(good))).toEqual({ valid: true, violations: [] });
    expect(memo(HCM, SIX, strict)(shape(good))).toEqual({ valid: false, violations: ['notice_not_delivered'] });
    expect(memo(HCM, SIX, strict)(shape({ ...good, delivered: [...good.notices] }))).toEqual({ valid: true, violations: [] });
    expect(memo(HCM, SIX, strict)(shape(good))).toEqual({ valid: false, violations: ['notice_not_delivered'] });
  });

  it('a notice added to an invalid window makes it valid', () => {
    const { memo } = counted();
    const late = { ...good, notices: [good.start - 2 * H] };
    expect(memo(HCM, SIX)(late).violations).toEqual(['notice_too_late']);
    expect(memo(HCM, SIX)({ ...late, notices: [...late.notices, good.start - 30 * H] })).toEqual({ valid: true, violations: [] });
  });

  it('keeps at most two generations, and what is still judged survives', () => {
    const { memo, judged } = counted(2);
    const judge = memo(HCM, SIX);
    const other = (i: number) => ({ ...good, start: good.start + i, end: good.end + i });
    judge(other(1));
    judge(other(2));
    judge(other(3)); // the first generation, {1, 2}, is now the older
    judge(other(1)); // found in the older: carried into the newer {3, 1}
    judge(other(4)); // {3, 1} becomes the older, {2} is dropped
    expect(judged()).toBe(4);
    judge(other(1));
    judge(other(3));
    expect(judged()).toBe(4);
    judge(other(2));
    expect(judged()).toBe(5);
  });

  it('answers what windowJudge answers, over any sequence of windows, zones and policies', () => {
    const kinds: MaintenanceKind[] = ['minor_update', 'infrastructure', 'backup', 'version_upgrade'];
    // Few distinct values, so that windows often share all inputs but one: the case a wrong key gets wrong.
    const window = fc.record({
      kind: fc.constantFrom(...kinds),
      start: fc.constantFrom(good.start, good.start + 2 * H, vn('2026-03-12T22:30'), vn('2026-03-26T01:00')),
      length: fc.constantFrom(0, 2 * H, 8 * H),
      leads: fc.array(fc.constantFrom(-H, 2 * H, 30 * H, 80 * H), { maxLength: 2 }),
    });
    // Frozen or not: frozen windows are remembered with themselves, the others under a key of their fields.
    const judging = fc.record({ window, zone: fc.constantFrom(HCM, 'Asia/Tokyo', 'Europe/Berlin'), latestEnd: fc.constantFrom('06:00', '05:00'), frozen: fc.boolean() });
    fc.assert(
      fc.property(fc.array(judging, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (judgings, generation) => {
        const memo = verdictMemo(generation);
        const frozenInputs = new Map<string, MaintenanceWindow>();
        for (const { window: w, zone, latestEnd, frozen } of [...judgings, ...judgings]) {
          const fresh: MaintenanceWindow = { kind: w.kind, start: w.start, end: w.start + w.length, notices: w.leads.map((lead) => w.start - lead) };
          // One frozen object for equal windows, whatever zone judges them, as factMemo hands out one per entry.
          const same = JSON.stringify(fresh);
          const input = frozen ? (frozenInputs.get(same) ?? frozenInputs.set(same, Object.freeze({ ...fresh, notices: Object.freeze(fresh.notices) })).get(same)!) : fresh;
          const end = Temporal.PlainTime.from(latestEnd);
          expect(memo(zone, end)(input)).toEqual(windowJudge(zone, end)(input));
        }
      }),
    );
  });
});
