// What the host process hands every request in `Astro.locals`: the contract
// between the status site and the daemon that mounts it (daemon/src/server/status-site.ts).
// The site is rendered inside the daemon, so it reads the public API through a
// function the daemon supplies instead of a base URL: no HTTP round-trip, no
// need to know the listening port, and still the same route, JSON and status
// codes that outside clients get.

import type { StatusPageIdentity } from '../config/status-page.ts';

/** Fetches a path of the daemon's public API, e.g. `/api/v1/components`. */
export type ApiFetch = (path: string) => Promise<Response>;

export interface StatusSiteLocals {
  apiFetch: ApiFetch;
  /** Where a page reports a failed read that it answered with "status unavailable". */
  reportError: (error: unknown) => void;
  /** The config's `statusPage` (issue #19) as of this render. */
  identity: StatusPageIdentity;
  /** Whether the front page offers e-mail subscriptions (issue #15: the config's notify.subscriptions). */
  subscribe?: boolean;
}
