import { LANGS, type Lang } from '@sla/shared/status/variant.ts';
import type { Context } from 'hono';
import { ApiError } from './api-error.ts';

/**
 * `?lang=vi|en` of a feed or badge, else `fallback`. Feed readers and image
 * tags send no useful Accept-Language and no cookie, so the URL carries the
 * choice; any other value is a 400 with the reason, as /api/openapi.json
 * promises (issue #19).
 */
export function langQuery(c: Context, fallback: Lang): Lang {
  const asked = c.req.query('lang');
  if (asked === undefined) return fallback;
  const lang = LANGS.find((l) => l === asked);
  if (lang === undefined) throw new ApiError('bad_request', 'invalid query', [`lang: must be one of ${LANGS.join(', ')}`]);
  return lang;
}
