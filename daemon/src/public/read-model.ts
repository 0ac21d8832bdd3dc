import type { ComponentStatus, Config } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * What the public read side reads from: the database, the live status, the
 * clock, and two policy settings. Built once, by daemon.ts, and handed to the
 * public routes and the metrics' uptime reader, so public/ depends on no
 * layer above it (issue #13).
 */
export interface PublicReadModel {
  db: Kysely<Database>;
  /** The tracker's live status, before maintenance is applied. */
  liveStatus: (componentId: string) => ComponentStatus;
  now: () => number;
  /** docs/contract.md §3.1 Default: windows end by this local time (judging windows). */
  latestEnd: Temporal.PlainTime;
  /** docs/contract.md §3.1 Default: notices an operator declared count, not only delivered ones (issue #15). */
  declaredNoticesCount: boolean;
  /** docs/contract.md §3.2 Default: force majeure counts only once a second, different operator approved it. */
  forceMajeureNeedsSecondApprover: boolean;
}

export interface PublicReadSources {
  db: Kysely<Database>;
  liveStatus: (componentId: string) => ComponentStatus;
  now: () => number;
  /** The running config's policy, read at each use: a reload applies at once. */
  policy: () => Pick<Config['policy'], 'latestEnd' | 'declaredNoticesCount' | 'forceMajeureNeedsSecondApprover'>;
}

/** docs/contract.md §6: rules are evaluated in Asia/Ho_Chi_Minh unless a contract says otherwise; the public page has no contract. */
export const POLICY_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export const PAGE = { id: 'sla-ledger', name: 'Service status' } as const;

export function createPublicReadModel(s: PublicReadSources): PublicReadModel {
  return {
    db: s.db,
    liveStatus: s.liveStatus,
    now: s.now,
    get latestEnd() {
      return s.policy().latestEnd;
    },
    get declaredNoticesCount() {
      return s.policy().declaredNoticesCount;
    },
    get forceMajeureNeedsSecondApprover() {
      return s.policy().forceMajeureNeedsSecondApprover;
    },
  };
}
