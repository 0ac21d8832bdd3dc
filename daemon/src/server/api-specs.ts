import type { RouteSpec } from './route-spec.ts';
import { apologySpecs } from './routes/apologies.ts';
import { auditSpecs } from './routes/audit.ts';
import { breachSpecs } from './routes/breaches.ts';
import { bugSpecs } from './routes/bugs.ts';
import { contactSpecs } from './routes/contacts.ts';
import { contractSpecs } from './routes/contracts.ts';
import { forceMajeureSpecs } from './routes/force-majeure.ts';
import { incidentSpecs } from './routes/incidents.ts';
import { securityNoticeSpecs } from './routes/security-notices.ts';
import { ledgerSpecs } from './routes/ledger.ts';
import { maintenanceSpecs } from './routes/maintenance.ts';
import { outageActionSpecs } from './routes/outage-actions.ts';
import { outageSpecs } from './routes/outages.ts';
import { recordedOutageSpecs } from './routes/recorded-outages.ts';
import { factSpecs } from './routes/facts.ts';
import { outboxSpecs } from './routes/outbox.ts';
import { publicSubscriptionSpecs } from './routes/public-subscriptions.ts';
import { renewalSpecs } from './routes/renewals.ts';
import { statementSpecs } from './routes/statements.ts';
import { locationSpecs } from './routes/locations.ts';
import { suspectSpecs } from './routes/suspects.ts';
import { ticketSpecs } from './routes/tickets.ts';

/** Every route described as data: the OpenAPI document and the `sla` command line read this list (one line per route file). */
export const apiSpecs: RouteSpec[] = [
  ...Object.values(outageSpecs),
  ...Object.values(contractSpecs),
  ...Object.values(contactSpecs),
  ...Object.values(statementSpecs),
  ...Object.values(renewalSpecs),
  ...Object.values(maintenanceSpecs),
  ...Object.values(forceMajeureSpecs),
  ...Object.values(bugSpecs),
  ...Object.values(outageActionSpecs),
  ...Object.values(recordedOutageSpecs),
  ...Object.values(factSpecs),
  ...Object.values(incidentSpecs),
  ...Object.values(securityNoticeSpecs),
  ...Object.values(ledgerSpecs),
  ...Object.values(auditSpecs),
  ...Object.values(outboxSpecs),
  ...Object.values(suspectSpecs),
  ...Object.values(locationSpecs),
  ...Object.values(ticketSpecs),
  ...Object.values(breachSpecs),
  ...Object.values(publicSubscriptionSpecs),
  ...Object.values(apologySpecs),
];
