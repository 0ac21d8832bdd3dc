// Types `Astro.locals` for the pages; the daemon fills it (daemon/src/server/status-site.ts).
type StatusSiteLocals = import('@sla/shared/status/locals.ts').StatusSiteLocals;

declare namespace App {
  interface Locals extends StatusSiteLocals {}
}
