import type { Migration, MigrationProvider } from 'kysely/migration';

// One line per migration, named by timestamp; each never imports app code.
const migrations: Record<string, () => Promise<Migration>> = {
  '2026-11-22T2215-probing': () => import('./migrations/2026-11-22T2215-probing.ts'),
  '2026-11-22T2245-operators-ledger': () => import('./migrations/2026-11-22T2245-operators-ledger.ts'),
  '2026-11-22T2330-compact-probe-storage': () => import('./migrations/2026-11-22T2330-compact-probe-storage.ts'),
  '2026-11-23T0400-hourly-probe-results': () => import('./migrations/2026-11-23T0400-hourly-probe-results.ts'),
  '2026-12-07T0600-renewal-per-period': () => import('./migrations/2026-12-07T0600-renewal-per-period.ts'),
  '2026-12-07T0610-result-idempotency': () => import('./migrations/2026-12-07T0610-result-idempotency.ts'),
  '2026-12-07T0620-rejection-links': () => import('./migrations/2026-12-07T0620-rejection-links.ts'),
  '2026-12-07T0630-operators': () => import('./migrations/2026-12-07T0630-operators.ts'),
  '2026-12-07T1100-outbox': () => import('./migrations/2026-12-07T1100-outbox.ts'),
  '2026-12-07T1110-contract-contacts': () => import('./migrations/2026-12-07T1110-contract-contacts.ts'),
  '2026-12-07T1300-suspect-periods': () => import('./migrations/2026-12-07T1300-suspect-periods.ts'),
  '2026-12-07T1400-probe-locations': () => import('./migrations/2026-12-07T1400-probe-locations.ts'),
  '2026-12-07T1500-maintenance-revision': () => import('./migrations/2026-12-07T1500-maintenance-revision.ts'),
  '2026-12-07T1600-tickets': () => import('./migrations/2026-12-07T1600-tickets.ts'),
  '2026-12-07T1700-location-votes': () => import('./migrations/2026-12-07T1700-location-votes.ts'),
  '2026-12-07T1800-breaches': () => import('./migrations/2026-12-07T1800-breaches.ts'),
  '2026-12-07T1810-recurring-windows': () => import('./migrations/2026-12-07T1810-recurring-windows.ts'),
  '2026-12-07T1820-vote-versions': () => import('./migrations/2026-12-07T1820-vote-versions.ts'),
  '2026-12-07T1840-recorded-facts': () => import('./migrations/2026-12-07T1840-recorded-facts.ts'),
  '2026-12-07T1850-notice-provenance': () => import('./migrations/2026-12-07T1850-notice-provenance.ts'),
  '2026-12-07T1900-outage-impact-changed': () => import('./migrations/2026-12-07T1900-outage-impact-changed.ts'),
  '2026-12-07T1910-apologies': () => import('./migrations/2026-12-07T1910-apologies.ts'),
  '2026-12-07T1920-subscribers': () => import('./migrations/2026-12-07T1920-subscribers.ts'),
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    const loaded = await Promise.all(Object.entries(migrations).map(async ([name, load]) => [name, await load()] as const));
    return Object.fromEntries(loaded);
  },
};
