// What a host process needs to mount the built site: where the build put it,
// what it must pass in `Astro.locals`, and how to key a page's variants. The
// daemon is the host (daemon/src/server/status-site.ts);
// `pnpm --filter @sla/status-site build` makes dist/.

/** Astro's node adapter in middleware mode: exports `handler(req, res, next?, locals?)`. */
export const serverEntry = new URL('./dist/server/entry.mjs', import.meta.url);

/** Built assets (`/_astro/*` and public/): middleware mode leaves serving them to the host. */
export const clientDir = new URL('./dist/client/', import.meta.url);

export const buildCommand = 'pnpm --filter @sla/status-site build';

export type { ApiFetch, StatusSiteLocals } from './src/lib/locals.ts';
export { pageRequest, PAGED_LISTS, DEFAULT_LANG, LANGS, type Lang, type PageRequest } from './src/lib/variant.ts';
/** The page's words, for what the host writes in the page's languages itself (the feeds). */
export { dictionary, type Dictionary } from './src/i18n/index.ts';
