import type { MaintenanceResponse } from '@sla/shared/public-api/index.ts';
import type { App } from '../app-type.ts';
import { loadMaintenance, maintenanceJudge, toPublicMaintenance, type WindowQuery } from '../../public/maintenance.ts';
import { activeMaintenance, upcomingMaintenance } from '../../public/occurrences.ts';
import { pageCount, pageQuery, PAGE_SIZE } from '../../public/query.ts';
import type { ServerDeps } from '../deps.ts';
import { parseInput } from '../validation.ts';

/**
 * GET /api/v1/public/maintenance?page=N: windows in progress and upcoming, and
 * past ones (completed or cancelled) 20 a page, latest first; each with its
 * kind, window, notices and SLA §C.1 verdict.
 */
export function publicMaintenanceRoute(app: App, deps: ServerDeps): void {
  const d = deps.publicRead;
  app.get('/api/v1/public/maintenance', async (c) => {
    const { page } = parseInput(pageQuery, c.req.query(), 'query');
    const now = d.now();
    const at = new Date(now);
    const past = (q: WindowQuery) => q.where((eb) => eb.or([eb('cancelled_at', 'is not', null), eb('ends_at', '<=', at)]));
    const [active, upcoming, pastRows, counted] = await Promise.all([
      activeMaintenance(d.db, now),
      // Issue #16: a recurring window's occurrences of the next days, beside the one-off windows to come.
      upcomingMaintenance(d.db, now),
      loadMaintenance(d.db, (q) => past(q).orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)),
      past(d.db.selectFrom('maintenance_windows')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const judge = maintenanceJudge(d);
    const body: MaintenanceResponse = {
      active: active.map((w) => toPublicMaintenance(w, now, judge)),
      upcoming: upcoming.map((w) => toPublicMaintenance(w, now, judge)),
      past: pastRows.map((w) => toPublicMaintenance(w, now, judge)),
      page,
      pageCount: pageCount(Number(counted.n)),
    };
    return c.json(body);
  });
}
