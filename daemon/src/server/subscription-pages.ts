import { dictionary } from '@sla/shared/status/i18n/index.ts';
import type { Lang } from '@sla/shared/status/variant.ts';
import { escapeHtml } from '@sla/shared/text/html.ts';

export type SubscriptionPage = 'requested' | 'confirmed' | 'unsubscribe' | 'unsubscribed' | 'invalid';

/**
 * Issue #15: the small pages a subscriber's links open, rendered by the
 * daemon that acts on them (the status site only reads). No script; the
 * unsubscribe page is a plain POST form (a GET never unsubscribes: mail
 * scanners open links, RFC 8058).
 */
export function subscriptionPage(page: SubscriptionPage, lang: Lang, action?: string): string {
  const t = dictionary(lang);
  const s = t.subscription;
  const words: Record<SubscriptionPage, readonly [string, string]> = {
    requested: [s.requested, s.requestedText],
    confirmed: [s.confirmed, s.confirmedText],
    unsubscribe: [s.unsubscribeTitle, s.unsubscribeText],
    unsubscribed: [s.unsubscribed, s.unsubscribedText],
    invalid: [s.invalid, s.invalidText],
  };
  const [title, text] = words[page];
  const form = page === 'unsubscribe' && action !== undefined ? `<form method="post" action="${escapeHtml(action)}"><button type="submit">${escapeHtml(s.unsubscribeButton)}</button></form>` : '';
  return `<!doctype html>
<html lang="${t.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${escapeHtml(t.site)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${form}<p><a href="/?lang=${lang}">${escapeHtml(t.back)}</a></p></main></body></html>
`;
}
