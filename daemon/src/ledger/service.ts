import type { Policy } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { allContractIds, contractsCovering, recomputeContract } from './recompute.ts';

export interface LedgerService {
  /** Re-runs the engine for these contracts (after a fact changed), attributing new entries to `actor`. */
  recompute: (contractIds: string[], actor: string) => Promise<void>;
  recomputeForComponents: (componentIds: string[] | 'all', actor: string) => Promise<void>;
}

export function createLedgerService(db: Kysely<Database>, policy: () => Policy, now: () => number): LedgerService {
  const recompute = async (contractIds: string[], actor: string) => {
    for (const id of contractIds) await recomputeContract(db, id, policy(), actor, new Date(now()));
  };
  return {
    recompute,
    recomputeForComponents: async (componentIds, actor) =>
      recompute(componentIds === 'all' ? await allContractIds(db) : await contractsCovering(db, componentIds), actor),
  };
}
