import type { MaintenanceKind, NoticeProvenance, Policy } from '@sla/shared';
import { windowJudge, type MaintenanceVerdict } from '@sla/shared/engine/maintenance-verdict.ts';
import { POLICY_TIME_ZONE } from './read-model.ts';

/** A window as every surface holds it: its kind, announced times and its notices' instants, delivered or declared (issue #15). */
export interface JudgedWindow {
  kind: MaintenanceKind;
  startsAt: Date;
  endsAt: Date;
  notices: ReadonlyArray<{ sentAt: Date; provenance: NoticeProvenance }>;
}

/**
 * The public judgement of a window (issue #19): SLA §C.1's rules as the policy
 * sets them, in the policy's time zone (docs/contract.md §3.1). A contract
 * judges a window in its own zone (ledger/window-verdicts.ts); a window no
 * contract covers has only this one, and the page, the feeds, the verdicts
 * API and sla_maintenance_window_violations all take it from here.
 */
export function publicWindowJudge(policy: Pick<Policy, 'latestEnd' | 'declaredNoticesCount'>): (w: JudgedWindow) => MaintenanceVerdict {
  const judge = windowJudge(POLICY_TIME_ZONE, policy.latestEnd, { declaredNoticesCount: policy.declaredNoticesCount });
  const seconds = (t: Date) => Math.floor(t.getTime() / 1000);
  return (w) =>
    judge({
      kind: w.kind,
      start: seconds(w.startsAt),
      end: seconds(w.endsAt),
      notices: w.notices.map((n) => seconds(n.sentAt)),
      delivered: w.notices.flatMap((n) => (n.provenance === 'delivered' ? [seconds(n.sentAt)] : [])),
    });
}
