import {
  componentPageSchema,
  componentsResponseSchema,
  forceMajeureResponseSchema,
  incidentResponseSchema,
  incidentsPageSchema,
  maintenanceResponseSchema,
  overviewResponseSchema,
  STATUSPAGE_ENDPOINTS,
} from '@sla/shared/public-api/index.ts';
import { z } from 'zod';
import { pageQuery, timeZoneQuery } from '../public/query.ts';
import { healthSchema } from './routes/healthz.ts';

/**
 * The public read side as documentation for /api/openapi.json (issue #5): these
 * routes are served from the page cache (page-cache.ts), not through `on()`,
 * so they are listed here; test/openapi.test.ts checks that every one is
 * routed and that every public GET the app registers is listed. A new public
 * route = its route file, its line in app.ts, and its line here.
 */
export interface PublicRouteDoc {
  /** Default get; post for the few public writes that are pages, not JSON (issue #15's one-click unsubscribe). */
  method?: 'post';
  path: string;
  /** What its 200 is, when it is not a cached read. */
  answer?: string;
  summary: string;
  query?: z.ZodType;
  /** The JSON body's schema; absent for non-JSON answers. */
  response?: z.ZodType;
  /** Content type of a non-JSON answer. */
  contentType?: string;
  /** When it may answer 401: why (issue #19). */
  unauthorized?: string;
}

const lang = z.strictObject({ lang: z.enum(['vi', 'en']).optional().describe('default vi') });
const token = z.strictObject({ token: z.string().describe('the link’s signed token') });
const badgeLang = z.strictObject({ lang: z.enum(['en', 'vi']).optional().describe('default en') });

export const publicDocs: PublicRouteDoc[] = [
  { path: '/api/v1/components', summary: 'Components with their current status (under_maintenance inside an active window)', response: componentsResponseSchema },
  { path: '/api/v1/public/overview', summary: "The status page's front page as JSON: status, uptime and 90 local days per component", query: timeZoneQuery, response: overviewResponseSchema },
  { path: '/api/v1/public/components/:id', summary: 'One component: status, uptime and its 90-day table', query: timeZoneQuery, response: componentPageSchema },
  { path: '/api/v1/public/incidents', summary: 'Incident history, newest first, 20 a page', query: pageQuery, response: incidentsPageSchema },
  { path: '/api/v1/public/incidents/:id', summary: 'One incident with its updates', response: incidentResponseSchema },
  { path: '/api/v1/public/maintenance', summary: 'Maintenance windows: upcoming, active and past (paged), with notices and the SLA §C.1 verdict', query: pageQuery, response: maintenanceResponseSchema },
  { path: '/api/v1/public/force-majeure', summary: 'Force-majeure notices (public description only)', response: forceMajeureResponseSchema },
  ...Object.entries(STATUSPAGE_ENDPOINTS).map(([path, response]) => ({ path, summary: `Atlassian Statuspage v2 ${path.slice('/api/v2/'.length)}`, response })),
  { path: '/history.atom', summary: 'Incidents and maintenance, most recently changed first (Atom 1.0)', query: lang, contentType: 'application/atom+xml' },
  { path: '/history.rss', summary: 'The same history as RSS 2.0', query: lang, contentType: 'application/rss+xml' },
  { path: '/maintenance.ics', summary: 'Maintenance windows as iCalendar events in UTC (cancelled ones kept, SEQUENCE on change)', contentType: 'text/calendar' },
  { path: '/badge/:component/status.svg', summary: "A component's current status as an SVG badge", query: badgeLang, contentType: 'image/svg+xml' },
  { path: '/badge/:component/uptime-30d.svg', summary: "A component's 30-day uptime as an SVG badge", query: badgeLang, contentType: 'image/svg+xml' },
  { path: '/healthz', summary: 'Database reachable, scheduler running, age of the last probe', response: healthSchema },
  { path: '/metrics', summary: 'Prometheus metrics (ops/README.md); may need a bearer token (metrics.bearerToken)', contentType: 'text/plain; version=0.0.4', unauthorized: 'metrics.bearerToken is set and the scrape has no matching Authorization: Bearer' },
  // Issue #15: where a subscriber's links lead (HTML; the token is the link's HMAC).
  { path: '/subscriptions/requested', summary: 'After the subscribe form: check your inbox', query: lang, contentType: 'text/html', answer: 'The page' },
  { path: '/subscriptions/confirm', summary: 'Confirms an e-mail subscription (the link mailed to the address); 400 when the link does not verify', query: token, contentType: 'text/html', answer: 'Confirmed' },
  { path: '/subscriptions/unsubscribe', summary: 'The unsubscribe page: a button that POSTs; 400 when the link does not verify', query: token, contentType: 'text/html', answer: 'The page' },
  { method: 'post', path: '/subscriptions/unsubscribe', summary: 'Unsubscribes: the page’s button, or a mail client’s one click (RFC 8058, body List-Unsubscribe=One-Click)', query: token, contentType: 'text/html', answer: 'Unsubscribed' },
];
