import type { Policy } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { mergeJudgement, type ContractJudgement } from './judgements.ts';
import { allContractIds, recomputeContracts, recomputeOnComponents, type Judged } from './recompute.ts';
import { entryMemo } from './entry-memo.ts';
import { factMemo } from './fact-memo.ts';
import { verdictMemo } from './verdict-memo.ts';

export interface LedgerService {
  /** Re-runs the engine for these contracts (after a fact changed), attributing new entries to `actor`. */
  recompute: (contractIds: string[], actor: string) => Promise<void>;
  recomputeForComponents: (componentIds: string[] | 'all', actor: string) => Promise<void>;
  /**
   * The engine's latest judgement of each contract recomputed since start (the
   * daemon recomputes all at start, then on every fact change): for /metrics.
   */
  judgements: () => ReadonlyMap<string, ContractJudgement>;
}

export function createLedgerService(db: Kysely<Database>, policy: () => Policy, now: () => number): LedgerService {
  const latest = new Map<string, ContractJudgement>();
  // Case file entries, parsed facts and window verdicts outlive a recompute (issue #13): the next write parses and judges only what it changed.
  const engine = { windowJudge: verdictMemo() };
  const entries = entryMemo();
  const parse = factMemo();
  const judged: Judged = (id, judgement, scope) => {
    if (judgement === undefined) latest.delete(id);
    else latest.set(id, scope === undefined ? judgement : mergeJudgement(latest.get(id), judgement, scope));
  };
  const options = { engine, parse, entries };
  // A write's recompute on its components alone is exact while the rest of the ledger is in line with the
  // facts and the policy (recompute.ts recomputeOnComponents). Until a recompute of every contract succeeds
  // under the policy in force (at start, then hourly: jobs/calendar.ts) — and after any recompute failed,
  // since the contracts it touched may not be in line — writes recompute their contracts whole.
  let inLineWith: Policy | undefined;
  let failures = 0;
  const counted = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      failures += 1;
      inLineWith = undefined;
      throw error;
    }
  };
  const recompute = (contractIds: string[], actor: string) => counted(() => recomputeContracts(db, contractIds, policy(), actor, new Date(now()), judged, options));
  return {
    recompute,
    judgements: () => latest,
    recomputeForComponents: async (componentIds, actor) => {
      if (componentIds !== 'all') {
        const current = policy();
        const whole = (id: string) => inLineWith !== current || !latest.has(id);
        return counted(() => recomputeOnComponents(db, componentIds, current, actor, new Date(now()), judged, { ...options, whole }));
      }
      const before = failures;
      const current = policy();
      await counted(async () => recomputeContracts(db, await allContractIds(db), current, actor, new Date(now()), judged, options));
      if (failures === before) inLineWith = current;
    },
  };
}
