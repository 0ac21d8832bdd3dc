import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { enqueue } from '../../outbox/outbox.repository.ts';
import { confirmationMessage } from '../../subscribers/messages.ts';
import { requestSubscription } from '../../subscribers/subscriber.repository.ts';
import { SUBSCRIBER_LANGS } from '../../subscribers/subscriber.table.ts';
import { ApiError } from '../api-error.ts';
import type { App } from '../app-type.ts';
import type { ServerDeps } from '../deps.ts';
import { jsonBody, refId } from '../fields.ts';
import { clientAddress } from '../operator-limits.ts';
import { createRateLimiter } from '../rate-limit.ts';
import { checkComponents } from '../references.ts';
import { reply, type RouteSpec } from '../route-spec.ts';
import { subscriptionLinks } from '../subscription-links.ts';
import { parseInput } from '../validation.ts';

const request = z.strictObject({
  email: z.email({ error: 'must be an e-mail address' }).max(254),
  /** Absent: every component. */
  components: z.array(refId).min(1).max(200).optional(),
  lang: z.enum(SUBSCRIBER_LANGS).default('vi'),
});

export const publicSubscriptionSpecs = {
  request: {
    method: 'post',
    path: '/api/v1/public/subscriptions',
    summary: 'Ask for incident updates by e-mail (double opt-in: a confirmation link is mailed). The same answer whether or not the address is known. Also takes the page’s form (application/x-www-form-urlencoded), answered with a redirect',
    cli: ['subscriptions', 'request'],
    body: request,
    response: z.strictObject({ status: z.literal('requested') }),
    unavailable: 'the config offers no subscriptions (notify.subscriptions)',
  },
} as const satisfies Record<string, RouteSpec>;

const FORM = 'application/x-www-form-urlencoded';
const MAX_FORM_BYTES = 16 * 1024;

/**
 * Issue #15: the public page's one write. Limited per client address (the
 * config's notify.subscriptions.requestsPerMinute) so the route cannot be
 * used to mail-bomb an address; it answers alike for a known, a confirmed and
 * an unknown address, so it does not tell who subscribed.
 */
export function publicSubscriptionsRoute(app: App, deps: ServerDeps): void {
  const limiter = createRateLimiter({ now: () => deps.now(), limits: () => ({ perMinute: deps.config().notify.subscriptions?.requestsPerMinute ?? 1, maxClients: deps.config().server.rateLimit.maxClients }) });
  const limitBody = bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: () => {
      throw new ApiError('payload_too_large', `the request is larger than ${MAX_FORM_BYTES} bytes`);
    },
  });
  app.post(publicSubscriptionSpecs.request.path, limitBody, async (c) => {
    const links = subscriptionLinks(deps);
    if (links === undefined) throw new ApiError('unavailable', 'this status page offers no e-mail subscriptions', ['notify.subscriptions: not configured']);
    const form = (c.req.header('content-type') ?? '').toLowerCase().startsWith(FORM);
    const input = parseInput(request, form ? await formBody(c) : await jsonBody(c), 'body');
    const verdict = limiter.take(clientAddress(c));
    if (!verdict.ok) {
      c.header('Retry-After', String(verdict.retryAfterS));
      throw new ApiError('too_many_requests', 'too many subscription requests from this address', [`retry after ${verdict.retryAfterS} s`]);
    }
    if (input.components !== undefined) await checkComponents(deps.db, input.components);
    const now = new Date(deps.now());
    const queued = await deps.db.transaction().execute(async (tx) => {
      const pending = await requestSubscription(tx, { email: input.email, components: input.components ?? null, lang: input.lang }, now);
      if (pending !== undefined) await enqueue(tx, [confirmationMessage(links, pending)], now);
      return pending !== undefined;
    });
    if (queued) deps.outboxBell.ring();
    // Post/redirect/get for the page's form; the same redirect whatever happened.
    if (form) return c.redirect(`/subscriptions/requested?lang=${input.lang}`, 303);
    return reply(c, publicSubscriptionSpecs.request, { status: 'requested' });
  });
}

/** The form's fields as the JSON body would have them: `components=all` (or none) is every component. */
async function formBody(c: Context): Promise<unknown> {
  const fields = await c.req.parseBody({ all: true });
  const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const components = list(fields.components).filter((v) => v !== '');
  return {
    ...fields,
    ...(components.length === 0 || components.includes('all') ? { components: undefined } : { components }),
  };
}
