import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { errorResponse } from './api-error.ts';
import type { ServerDeps } from './deps.ts';
import { auditRoute } from './routes/audit.ts';
import { bugsRoute } from './routes/bugs.ts';
import { componentsRoute } from './routes/components.ts';
import { contractsRoute } from './routes/contracts.ts';
import { forceMajeureRoute } from './routes/force-majeure.ts';
import { incidentsRoute } from './routes/incidents.ts';
import { ledgerRoute } from './routes/ledger.ts';
import { maintenanceRoute } from './routes/maintenance.ts';
import { outageActionsRoute } from './routes/outage-actions.ts';
import { renewalsRoute } from './routes/renewals.ts';
import { statementsRoute } from './routes/statements.ts';
import { healthzRoute } from './routes/healthz.ts';
import { metricsRoute } from './routes/metrics.ts';
import { outagesRoute } from './routes/outages.ts';
import { statuspageSummaryRoute } from './routes/statuspage-summary.ts';

// One line per route file; the status site is mounted after these as the catch-all.
const routes = [
  componentsRoute,
  outagesRoute,
  healthzRoute,
  metricsRoute,
  statuspageSummaryRoute,
  // Operators' API (issue #4): token auth, every write attributed and audited.
  contractsRoute,
  maintenanceRoute,
  forceMajeureRoute,
  bugsRoute,
  outageActionsRoute,
  incidentsRoute,
  ledgerRoute,
  renewalsRoute,
  statementsRoute,
  auditRoute,
];

export type App = Hono<{ Bindings: HttpBindings }>;

export function createApp(deps: ServerDeps): App {
  const app: App = new Hono();
  app.onError((error, c) => errorResponse(c, error, deps.logger.error));
  for (const route of routes) route(app, deps);
  return app;
}
