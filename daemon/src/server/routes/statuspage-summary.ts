import type { ComponentStatus } from '@sla/shared';
import type { Hono } from 'hono';
import { listComponents } from '../../catalog/catalog.repository.ts';
import type { ServerDeps } from '../deps.ts';

const INDICATOR: Record<ComponentStatus, { rank: number; indicator: 'none' | 'minor' | 'major' | 'critical'; description: string }> = {
  operational: { rank: 0, indicator: 'none', description: 'All Systems Operational' },
  under_maintenance: { rank: 1, indicator: 'minor', description: 'Service Under Maintenance' },
  degraded_performance: { rank: 2, indicator: 'minor', description: 'Minor Service Outage' },
  partial_outage: { rank: 3, indicator: 'major', description: 'Partial System Outage' },
  major_outage: { rank: 4, indicator: 'critical', description: 'Major System Outage' },
};

/**
 * GET /api/v2/summary.json in Atlassian Statuspage's shape, so tools that read
 * Statuspage read us. Minimal for now: incidents and maintenance arrive with
 * the operators' issue (#4) and the status-page issue (#5) completes it.
 */
export function statuspageSummaryRoute(app: Hono<any>, deps: ServerDeps): void {
  app.get('/api/v2/summary.json', async (c) => {
    const rows = await listComponents(deps.db);
    const page = { id: 'sla-ledger', name: 'Service status', url: new URL(c.req.url).origin, time_zone: 'Asia/Ho_Chi_Minh', updated_at: new Date(deps.now()).toISOString() };
    const components = rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: deps.tracker.status(r.id),
      created_at: r.created_at.toISOString(),
      updated_at: r.updated_at.toISOString(),
      position: r.position + 1,
      description: r.description,
      showcase: true,
      start_date: r.created_at.toISOString().slice(0, 10),
      group_id: null,
      page_id: page.id,
      group: false,
      only_show_if_degraded: false,
    }));
    const worst = components.reduce<ComponentStatus>((w, x) => (INDICATOR[x.status].rank > INDICATOR[w].rank ? x.status : w), 'operational');
    return c.json({
      page,
      status: { indicator: INDICATOR[worst].indicator, description: INDICATOR[worst].description },
      components,
      incidents: [],
      scheduled_maintenances: [],
    });
  });
}
