import { windowJudge, type MaintenanceVerdict, type MaintenanceWindow } from '@sla/shared/engine/maintenance-verdict.ts';
import { generations } from './generations.ts';

/** Verdicts one generation holds before it is set aside: above the windows × zones a recompute of every contract judges. */
export const VERDICT_GENERATION = 16_384;

/**
 * windowJudge that remembers its verdicts between recomputes (issue #13). A
 * verdict is a pure function of the window's kind, start, end and notices
 * (which were delivered, issue #15), the time zone it is judged in and the
 * policy's latestEnd and declaredNoticesCount (docs/contract.md
 * §3.1, §6; SLA §C.1) — the whole input of windowJudge — and the key is
 * exactly those, so a moved window, a new notice, another zone or another
 * policy is a new key and judged afresh: nothing to invalidate, and the
 * answer is windowJudge's (verdict-memo.test.ts). A write on one component
 * re-runs the engine for contracts covering nearly every window; without this
 * it judged all of them again in every zone for one changed fact.
 *
 * Bounded: two generations of at most `generation` verdicts (generations.ts).
 * `judgeIn` judges what is not remembered.
 */
export function verdictMemo(generation = VERDICT_GENERATION, judgeIn: typeof windowJudge = windowJudge): typeof windowJudge {
  const memo = generations<MaintenanceVerdict>(generation);
  const ofFrozen = new WeakMap<MaintenanceWindow, Map<string, MaintenanceVerdict>>();
  return (timeZone, latestEnd, settings) => {
    const zone = `${timeZone}\u0000${latestEnd.toString()}\u0000${settings?.declaredNoticesCount ?? true}`;
    let judge: ((window: MaintenanceWindow) => MaintenanceVerdict) | undefined;
    const judged = (window: MaintenanceWindow) => {
      judge ??= judgeIn(timeZone, latestEnd, settings);
      // Shared by every contract and recompute that meets the window: frozen, so no reader can change another's.
      const verdict = judge(window);
      Object.freeze(verdict.violations);
      return verdict;
    };
    return (window) => {
      // A deeply frozen window (fact-memo.ts hands them out) cannot change: its verdicts are kept with it, per zone, and die with it.
      if (Object.isFrozen(window) && Object.isFrozen(window.notices) && (window.delivered === undefined || Object.isFrozen(window.delivered))) {
        const verdicts = ofFrozen.get(window) ?? new Map<string, MaintenanceVerdict>();
        if (verdicts.size === 0) ofFrozen.set(window, verdicts);
        const known = verdicts.get(zone);
        if (known !== undefined) return known;
        const verdict = judged(window);
        verdicts.set(zone, verdict);
        return verdict;
      }
      const key = `${zone}\u0000${window.kind}\u0000${window.start}\u0000${window.end}\u0000${window.notices.join(',')}\u0000${window.delivered?.join(',') ?? ''}`;
      return memo.get(key) ?? memo.remember(key, judged(window));
    };
  };
}
