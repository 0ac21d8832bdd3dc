import { Hono } from 'hono';
import { errorResponse } from './api-error.ts';
import { publicCors } from './cors.ts';
import type { ServerDeps } from './deps.ts';
import { operatorLimits } from './operator-limits.ts';
import { apologiesRoute } from './routes/apologies.ts';
import { auditRoute } from './routes/audit.ts';
import { breachesRoute } from './routes/breaches.ts';
import { bugsRoute } from './routes/bugs.ts';
import { ticketsRoute } from './routes/tickets.ts';
import { componentsRoute } from './routes/components.ts';
import { contactsRoute } from './routes/contacts.ts';
import { contractsRoute } from './routes/contracts.ts';
import { forceMajeureRoute } from './routes/force-majeure.ts';
import { incidentsRoute } from './routes/incidents.ts';
import { securityNoticesRoute } from './routes/security-notices.ts';
import { ledgerRoute } from './routes/ledger.ts';
import { maintenanceRoute } from './routes/maintenance.ts';
import { outageActionsRoute } from './routes/outage-actions.ts';
import { renewalsRoute } from './routes/renewals.ts';
import { statementsRoute } from './routes/statements.ts';
import { healthzRoute } from './routes/healthz.ts';
import { metricsRoute } from './routes/metrics.ts';
import { openApiRoute } from './routes/openapi.ts';
import { outagesRoute } from './routes/outages.ts';
import { recordedOutagesRoute } from './routes/recorded-outages.ts';
import { factsRoute } from './routes/facts.ts';
import { outboxRoute } from './routes/outbox.ts';
import { locationsRoute } from './routes/locations.ts';
import { suspectsRoute } from './routes/suspects.ts';
import { badgesRoute } from './routes/badges.ts';
import { feedsAtomRoute } from './routes/feeds-atom.ts';
import { feedsIcalRoute } from './routes/feeds-ical.ts';
import { feedsRssRoute } from './routes/feeds-rss.ts';
import { publicComponentRoute } from './routes/public-component.ts';
import { publicForceMajeureRoute } from './routes/public-force-majeure.ts';
import { publicIncidentRoute } from './routes/public-incident.ts';
import { publicIncidentsRoute } from './routes/public-incidents.ts';
import { publicMaintenanceRoute } from './routes/public-maintenance.ts';
import { publicOverviewRoute } from './routes/public-overview.ts';
import { publicSubscriptionsRoute } from './routes/public-subscriptions.ts';
import { subscriptionLinksRoute } from './routes/subscription-links.ts';
import { statuspageActiveRoute } from './routes/statuspage-active.ts';
import { statuspageComponentsRoute } from './routes/statuspage-components.ts';
import { statuspageIncidentsRoute } from './routes/statuspage-incidents.ts';
import { statuspageMaintenancesRoute } from './routes/statuspage-maintenances.ts';
import { statuspageStatusRoute } from './routes/statuspage-status.ts';
import { statuspageSummaryRoute } from './routes/statuspage-summary.ts';
import { statuspageUnresolvedRoute } from './routes/statuspage-unresolved.ts';
import { statuspageUpcomingRoute } from './routes/statuspage-upcoming.ts';

// One line per route file; the status site is mounted after these as the catch-all.
const routes = [
  componentsRoute,
  outagesRoute,
  healthzRoute,
  metricsRoute,
  statuspageSummaryRoute,
  // The public status page's read side (issue #5): JSON, Statuspage v2, feeds, badges.
  publicOverviewRoute,
  publicComponentRoute,
  publicIncidentsRoute,
  publicIncidentRoute,
  publicMaintenanceRoute,
  publicForceMajeureRoute,
  statuspageStatusRoute,
  statuspageComponentsRoute,
  statuspageIncidentsRoute,
  statuspageUnresolvedRoute,
  statuspageMaintenancesRoute,
  statuspageUpcomingRoute,
  statuspageActiveRoute,
  feedsAtomRoute,
  feedsRssRoute,
  feedsIcalRoute,
  badgesRoute,
  // Issue #15: e-mail subscriptions (double opt-in), the public page's one write.
  publicSubscriptionsRoute,
  subscriptionLinksRoute,
  // Operators' API (issue #4): token auth, every write attributed and audited.
  contractsRoute,
  contactsRoute,
  maintenanceRoute,
  forceMajeureRoute,
  bugsRoute,
  ticketsRoute,
  apologiesRoute,
  breachesRoute,
  outageActionsRoute,
  recordedOutagesRoute,
  factsRoute,
  incidentsRoute,
  securityNoticesRoute,
  ledgerRoute,
  renewalsRoute,
  statementsRoute,
  auditRoute,
  outboxRoute,
  suspectsRoute,
  locationsRoute,
  openApiRoute,
];

import type { App } from './app-type.ts';

export type { App };

export function createApp(deps: ServerDeps): App {
  const app: App = new Hono();
  app.onError((error, c) => errorResponse(c, error, deps.logger.error));
  publicCors(app);
  operatorLimits(app, deps);
  for (const route of routes) route(app, deps);
  return app;
}
