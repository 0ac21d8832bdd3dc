import type { Violation } from '@sla/shared';
import type { Kysely } from 'kysely';
import { ref } from '../ledger/case-builder.ts';
import type { Database } from '../db/database.ts';
import { windowViolations, type ContractJudgement } from '../ledger/judgements.ts';
import type { MaintenanceMetricSource, MaintenanceWindowFact } from './maintenance-families.ts';
import { publicWindowJudge } from '../public/public-verdict.ts';
import type { PublicReadModel } from '../public/read-model.ts';

/** How long after its end a window still matters to the families: an overrun is measured against the end. */
const RECENT_MS = 24 * 3_600_000;

/**
 * The maintenance families' source (issue #6): windows not cancelled that
 * have not ended or ended in the last 24 h, with the SLA §C.1 rules the engine
 * found them breaking for at least one contract covering their components; a
 * window no contract judged carries the public judgement the status page
 * shows (issue #19: one answer everywhere).
 */
export function maintenanceMetricSource(
  db: Kysely<Database>,
  judgements: () => ReadonlyMap<string, ContractJudgement>,
  now: () => number,
  policy: Pick<PublicReadModel, 'latestEnd' | 'declaredNoticesCount'>,
): MaintenanceMetricSource {
  return {
    windows: async () => {
      const rows = await db
        .selectFrom('maintenance_windows as w')
        .innerJoin('maintenance_components as c', 'c.window_id', 'w.id')
        .select(['w.id', 'w.kind', 'w.starts_at', 'w.ends_at', 'c.component_id'])
        .where('w.cancelled_at', 'is', null)
        .where('w.ends_at', '>', new Date(now() - RECENT_MS))
        .orderBy('w.id')
        .orderBy('c.component_id')
        .execute();
      const violations = windowViolations(judgements());
      const uncovered = [...new Set(rows.filter((r) => !violations.has(ref.maintenance(r.id))).map((r) => r.id))];
      const notices = uncovered.length === 0 ? [] : await db.selectFrom('maintenance_notices').select(['window_id', 'sent_at', 'provenance']).where('window_id', 'in', uncovered).execute();
      const judge = publicWindowJudge(policy);
      const windows = new Map<number, MaintenanceWindowFact>();
      for (const r of rows) {
        let w = windows.get(r.id);
        if (w === undefined) {
          const judged = violations.get(ref.maintenance(r.id));
          const sent = notices.filter((n) => n.window_id === r.id).map((n) => ({ sentAt: n.sent_at, provenance: n.provenance }));
          const own: Violation[] = judged ?? [...judge({ kind: r.kind, startsAt: r.starts_at, endsAt: r.ends_at, notices: sent }).violations];
          w = { components: [], startsAt: r.starts_at.getTime(), endsAt: r.ends_at.getTime(), violations: own };
          windows.set(r.id, w);
        }
        w.components.push(r.component_id);
      }
      return [...windows.values()];
    },
  };
}
