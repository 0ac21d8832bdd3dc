import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../migrate.ts';
import { migrationProvider } from '../migrations.ts';
import type { OpenedDatabase } from '../open.ts';
import { openEmptyTestDatabase, testDatabaseKinds } from '../testing.ts';

// Issue #15, migration 2026-12-07T1850: notices the outbox recorded before it
// are `delivered`; every other one is an operator's word, `declared`.
describe.each(testDatabaseKinds())('notice provenance on a database with notices already, on %s', (kind) => {
  let t: OpenedDatabase;
  beforeAll(async () => {
    t = await openEmptyTestDatabase(kind);
  });
  afterAll(() => t?.close());

  it('marks the outbox’s notices delivered and the operators’ declared', async () => {
    const { error } = await new Migrator({ db: t.db, provider: migrationProvider }).migrateTo('2026-12-07T1800-breaches');
    expect(error).toBeUndefined();
    await sql`insert into maintenance_windows (kind, title, starts_at, ends_at, created_by, updated_at) values ('infrastructure', 'Upgrade', '2026-03-04T18:00Z', '2026-03-04T19:00Z', 'ops-a', now())`.execute(t.db);
    for (const [channel, by] of [['status_page', 'ops-a'], ['email', 'outbox (announce)'], ['email', 'ops-b']])
      await sql`insert into maintenance_notices (window_id, sent_at, channel, recorded_by) values (1, '2026-03-02T02:00Z', ${channel}, ${by})`.execute(t.db);
    await migrateToLatest(t.db);
    const rows = await t.db.selectFrom('maintenance_notices').select(['recorded_by', 'provenance']).orderBy('id').execute();
    expect(rows).toEqual([
      { recorded_by: 'ops-a', provenance: 'declared' },
      { recorded_by: 'outbox (announce)', provenance: 'delivered' },
      { recorded_by: 'ops-b', provenance: 'declared' },
    ]);
  });
});
