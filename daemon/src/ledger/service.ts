import type { Policy } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ContractJudgement } from './judgements.ts';
import { allContractIds, contractsCovering, recomputeContracts } from './recompute.ts';
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
  const recompute = async (contractIds: string[], actor: string) => {
    await recomputeContracts(
      db,
      contractIds,
      policy(),
      actor,
      new Date(now()),
      (id, judgement) => {
        if (judgement === undefined) latest.delete(id);
        else latest.set(id, judgement);
      },
      { engine, parse, entries },
    );
  };
  return {
    recompute,
    judgements: () => latest,
    recomputeForComponents: async (componentIds, actor) =>
      recompute(componentIds === 'all' ? await allContractIds(db) : await contractsCovering(db, componentIds), actor),
  };
}
