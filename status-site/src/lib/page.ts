// What every page starts from: the reader's variant, its words and
// formatters, the API client, and how a failed read is answered.
import type { AstroGlobal } from 'astro';
import { dictionary } from '@sla/shared/status/i18n/index.ts';
import { ApiError, createApiClient } from './api.ts';
import { formatters } from './format.ts';
import { resolveVariant } from '@sla/shared/status/variant.ts';

export function pageContext(Astro: AstroGlobal) {
  const variant = resolveVariant(Astro.url, { cookie: Astro.request.headers.get('cookie'), acceptLanguage: Astro.request.headers.get('accept-language') });
  for (const cookie of variant.setCookies) Astro.response.headers.append('Set-Cookie', cookie);
  // The page differs by these: a shared cache must not hand one reader's language to another.
  Astro.response.headers.set('Vary', 'Accept-Language, Cookie');
  const t = dictionary(variant.lang);
  // Issue #19: whose page this is. Absent from a host that does not pass it (locals.ts): the page's own words only.
  const identity = Astro.locals.identity ?? {};
  return {
    ...variant,
    t,
    identity,
    /** The header's and the tab's name: the vendor's title, else "Service status". */
    siteName: identity.title ?? t.site,
    f: formatters(t, variant.timeZone),
    api: createApiClient(Astro.locals.apiFetch),
    /**
     * A read that failed. Not found → 404; anything else still gets a page,
     * but with 503 so monitors and caches do not take "unavailable" for a status.
     */
    failed(error: unknown): 'not_found' | 'unavailable' {
      if (error instanceof ApiError && error.code === 'not_found') {
        Astro.response.status = 404;
        return 'not_found';
      }
      Astro.locals.reportError?.(error);
      Astro.response.status = 503;
      Astro.response.headers.set('Retry-After', '30');
      Astro.response.headers.set('Cache-Control', 'no-store');
      return 'unavailable';
    },
  };
}

export type PageContext = ReturnType<typeof pageContext>;

/** `?page=` as a positive integer, 1 when absent or invalid. */
export function pageNumber(url: URL): number {
  const n = Number(url.searchParams.get('page'));
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}
