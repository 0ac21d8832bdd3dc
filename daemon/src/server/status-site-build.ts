// Where the status site's build is: the daemon mounts its output
// (`pnpm --filter @sla/status-site build` writes status-site/dist/) and
// imports none of its sources; the words and variant rules both sides need
// are in shared/src/status (issue #13).

const SITE = new URL('../../../status-site/', import.meta.url);

/** Astro's node adapter in middleware mode: exports `handler(req, res, next?, locals?)`. */
export const serverEntry = new URL('dist/server/entry.mjs', SITE);

/** Built assets (`/_astro/*` and public/): middleware mode leaves serving them to the host. */
export const clientDir = new URL('dist/client/', SITE);

export const buildCommand = 'pnpm --filter @sla/status-site build';
