import { describe, expect, it } from 'vitest';
import { excludedDowntime, mergeJudgement, windowViolations, type ContractJudgement, type OutageJudgement } from './judgements.ts';

const outage = (ref: string, component: string, creditableSeconds: number, excluded: OutageJudgement['excluded'] = []): OutageJudgement => ({ ref, component, creditableSeconds, excluded });
const judged = (entries: Record<string, Partial<ContractJudgement>>) =>
  new Map(Object.entries(entries).map(([id, j]) => [id, { outages: j.outages ?? [], windows: j.windows ?? [] }]));

describe('excludedDowntime', () => {
  it('sums per component and reason, in EXCLUSION_REASONS order', () => {
    const rows = excludedDowntime(
      judged({
        A: {
          outages: [
            outage('O-1', 'app', 60, [{ reason: 'maintenance', ref: 'M-1', seconds: 40 }, { reason: 'force_majeure', ref: 'F-1', seconds: 10 }]),
            outage('O-2', 'app', 0, [{ reason: 'maintenance', ref: 'M-2', seconds: 30 }]),
            outage('O-3', 'api', 5, [{ reason: 'not_active', ref: 'A', seconds: 7 }]),
            outage('O-4', 'api', 9),
          ],
        },
      }),
    );
    expect(rows).toEqual([
      { component: 'api', reason: 'not_active', seconds: 7 },
      { component: 'app', reason: 'force_majeure', seconds: 10 },
      { component: 'app', reason: 'maintenance', seconds: 70 },
    ]);
  });

  it('an outage covered by several contracts counts once, as the contract that excuses least judged it', () => {
    // A window announced in time for B's contract but not for A's: A excuses nothing.
    const forB = outage('O-1', 'app', 0, [{ reason: 'maintenance', ref: 'M-1', seconds: 100 }]);
    const forA = outage('O-1', 'app', 100);
    expect(excludedDowntime(judged({ B: { outages: [forB] }, A: { outages: [forA] } }))).toEqual([]);
    // Both excuse it (force majeure applies to all): once, not twice.
    const fm = outage('O-2', 'app', 20, [{ reason: 'force_majeure', ref: 'F-1', seconds: 80 }]);
    expect(excludedDowntime(judged({ A: { outages: [fm] }, B: { outages: [fm] } }))).toEqual([{ component: 'app', reason: 'force_majeure', seconds: 80 }]);
  });

  it('ties go to the contract first by id, whatever order the map was filled in', () => {
    const a = outage('O-1', 'app', 10, [{ reason: 'not_active', ref: 'A', seconds: 90 }]);
    const b = outage('O-1', 'app', 10, [{ reason: 'maintenance', ref: 'M-1', seconds: 90 }]);
    const want = [{ component: 'app', reason: 'not_active', seconds: 90 }];
    expect(excludedDowntime(judged({ A: { outages: [a] }, B: { outages: [b] } }))).toEqual(want);
    expect(excludedDowntime(judged({ B: { outages: [b] }, A: { outages: [a] } }))).toEqual(want);
  });
});

describe('windowViolations', () => {
  it('unites the rules a window breaks across contracts, in VIOLATIONS order', () => {
    const found = windowViolations(
      judged({
        A: { windows: [{ ref: 'M-1', violations: ['ends_too_late'] }, { ref: 'M-2', violations: [] }] },
        B: { windows: [{ ref: 'M-1', violations: ['notice_missing', 'ends_too_late'] }] },
      }),
    );
    expect(found.get('M-1')).toEqual(['notice_missing', 'ends_too_late']);
    expect(found.get('M-2')).toEqual([]);
    expect(found.get('M-3')).toBeUndefined();
  });
});

// Issue #16: a recurring window's verdicts are its occurrences', `M-5@2025-03-04`: judging its
// components again replaces them all, and leaves another window's alone.
describe('mergeJudgement', () => {
  it('replaces the occurrences of a window in scope, not a window whose ref begins alike', () => {
    const last: ContractJudgement = {
      outages: [],
      windows: [
        { ref: 'M-5@2025-03-03', violations: [] },
        { ref: 'M-5@2025-03-04', violations: ['starts_outside_hours'] },
        { ref: 'M-50@2025-03-04', violations: [] },
      ],
    };
    const part: ContractJudgement = { outages: [], windows: [{ ref: 'M-5@2025-03-03', violations: [] }] };
    expect(mergeJudgement(last, part, { components: new Set(['app']), windows: new Set(['M-5']) }).windows).toEqual([
      { ref: 'M-50@2025-03-04', violations: [] },
      { ref: 'M-5@2025-03-03', violations: [] },
    ]);
  });
});
