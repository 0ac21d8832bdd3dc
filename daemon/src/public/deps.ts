import type { ComponentStatus } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ServerDeps } from '../server/deps.ts';

/** What the public read side needs: the database, the live status, the clock, and two policy settings. */
export interface PublicDeps {
  db: Kysely<Database>;
  /** The tracker's live status, before maintenance is applied. */
  liveStatus: (componentId: string) => ComponentStatus;
  now: () => number;
  /** docs/contract.md §3.1 Default: windows end by this local time (judging windows). */
  latestEnd: Temporal.PlainTime;
  /** docs/contract.md §3.2 Default: force majeure counts only once a second, different operator approved it. */
  forceMajeureNeedsSecondApprover: boolean;
}

/** docs/contract.md §6: rules are evaluated in Asia/Ho_Chi_Minh unless a contract says otherwise; the public page has no contract. */
export const POLICY_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export const PAGE = { id: 'sla-ledger', name: 'Service status' } as const;

export function publicDeps(deps: Pick<ServerDeps, 'db' | 'tracker' | 'now' | 'config'>): PublicDeps {
  return {
    db: deps.db,
    liveStatus: (id) => deps.tracker.status(id),
    now: deps.now,
    get latestEnd() {
      return deps.config().policy.latestEnd;
    },
    get forceMajeureNeedsSecondApprover() {
      return deps.config().policy.forceMajeureNeedsSecondApprover;
    },
  };
}
