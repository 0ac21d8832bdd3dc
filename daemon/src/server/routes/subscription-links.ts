import type { Context } from 'hono';
import type { Lang } from '@sla/shared/status/variant.ts';
import { confirmSubscriber, getSubscriber, type Subscriber, unsubscribe } from '../../subscribers/subscriber.repository.ts';
import { type TokenPurpose, tokenId, verifyToken } from '../../subscribers/token.ts';
import type { App } from '../app-type.ts';
import type { ServerDeps } from '../deps.ts';
import { subscriptionPage, type SubscriptionPage } from '../subscription-pages.ts';

/**
 * Issue #15: where a subscriber's links lead. Confirming is the link's GET
 * (double opt-in). Unsubscribing is a POST: the page's button, or a mail
 * client's one click (RFC 8058, body `List-Unsubscribe=One-Click`); its GET
 * only shows the button. A link that does not verify says so (400), without
 * saying whether its address is known.
 */
export function subscriptionLinksRoute(app: App, deps: ServerDeps): void {
  const page = (c: Context, which: SubscriptionPage, lang: Lang, status: 200 | 400 = 200, action?: string) => {
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(subscriptionPage(which, lang, action), status);
  };
  const langOf = (c: Context): Lang => (c.req.query('lang') === 'en' ? 'en' : 'vi');
  const holder = async (c: Context, purpose: TokenPurpose): Promise<Subscriber | undefined> => {
    const secret = deps.subscriptionKey?.();
    const token = c.req.query('token') ?? '';
    const id = tokenId(token, purpose);
    if (!secret || id === undefined) return undefined;
    const s = await getSubscriber(deps.db, id);
    return s !== undefined && verifyToken(secret, token, purpose, s) ? s : undefined;
  };

  app.get('/subscriptions/requested', (c) => page(c, 'requested', langOf(c)));
  app.get('/subscriptions/confirm', async (c) => {
    const s = await holder(c, 'confirm');
    const after = s === undefined ? undefined : await confirmSubscriber(deps.db, s.id, new Date(deps.now()));
    if (after?.state !== 'confirmed') return page(c, 'invalid', s?.lang ?? langOf(c), 400);
    return page(c, 'confirmed', after.lang);
  });
  app.get('/subscriptions/unsubscribe', async (c) => {
    const s = await holder(c, 'unsubscribe');
    if (s === undefined) return page(c, 'invalid', langOf(c), 400);
    return page(c, s.state === 'unsubscribed' ? 'unsubscribed' : 'unsubscribe', s.lang, 200, `/subscriptions/unsubscribe?token=${encodeURIComponent(c.req.query('token')!)}`);
  });
  app.post('/subscriptions/unsubscribe', async (c) => {
    const s = await holder(c, 'unsubscribe');
    if (s === undefined) return page(c, 'invalid', langOf(c), 400);
    await unsubscribe(deps.db, s.id, new Date(deps.now()));
    return page(c, 'unsubscribed', s.lang);
  });
}
