import { parseConfig } from '@sla/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { buildCaseFileOf } from './case-builder.ts';
import { entryMemo } from './entry-memo.ts';
import { allContractIds } from './recompute.ts';
import { componentId, seedContractYear } from './testing.ts';

// Issue #13: the builder reads outage and window instants as epoch
// milliseconds and each window's components and notices as JSON lists, in one
// query. What it lists must be what the rows say read the plain way — each
// instant as the Date pg gives, in toISOString's text — down to the
// millisecond, in the same order, with or without an entryMemo.

const NOW = Date.parse('2026-10-01T00:00:00Z');
const config = parseConfig(`components:\n${Array.from({ length: 6 }, (_, c) => `  - { id: ${componentId(c)}, name: C${c}, tier: core }`).join('\n')}\n`, 'test.yaml');

describe.each(testDatabaseKinds())('case builder on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    if (!config.ok) throw new Error(config.problems.join('\n'));
    opened = await openTestDatabase(kind);
    const { db } = opened;
    await syncCatalog(db, config.config, new Date(NOW - 400 * 86_400_000));
    await seedContractYear(db, { contracts: 20, components: 6, now: NOW });
    // Instants off the whole second, down to the microsecond, before 1970 too; a window with three notices, one with none.
    await sql`update outages set started_at = started_at + interval '123.456 milliseconds', ended_at = ended_at + interval '0.999999 seconds' where id % 3 = 0`.execute(db);
    await sql`update outages set started_at = timestamptz '2026-05-01 10:00:00.123456+00', ended_at = timestamptz '2026-05-01 10:30:00.9999+00', impact = 'major_outage' where id = 3`.execute(db);
    await sql`update outages set started_at = timestamptz '1969-12-31 23:59:58.5+00', ended_at = timestamptz '1969-12-31 23:59:59.25+00', impact = 'major_outage' where id = 2`.execute(db);
    await sql`update maintenance_windows set starts_at = starts_at + interval '0.001 seconds' where id % 4 = 0`.execute(db);
    await sql`insert into maintenance_notices (window_id, sent_at, channel, recorded_by) select 2, starts_at - interval '50 hours 0.5 seconds', 'email', 'ops' from maintenance_windows where id = 2`.execute(db);
    await sql`insert into maintenance_notices (window_id, sent_at, channel, recorded_by) select 2, starts_at - interval '90 hours', 'email', 'ops' from maintenance_windows where id = 2`.execute(db);
    await sql`delete from maintenance_notices where window_id = 3`.execute(db);
  });
  afterAll(async () => opened?.close());

  it('lists outages and windows as their rows read the plain way say, with or without an entryMemo', async () => {
    const { db } = opened;
    const iso = (d: Date) => d.toISOString();
    const outages = (await db.selectFrom('outages').selectAll().where('ended_at', 'is not', null).orderBy('started_at').orderBy('id').execute()).map((r) => ({
      id: `O-${r.id}`,
      component: r.component_id,
      impact: r.impact,
      start: iso(r.started_at),
      end: iso(r.ended_at!),
      ...(r.class_override ? { class: r.class_override } : {}),
    }));
    const components = await db.selectFrom('maintenance_components').selectAll().orderBy('component_id').execute();
    const notices = await db.selectFrom('maintenance_notices').selectAll().orderBy('sent_at').orderBy('id').execute();
    const windows = (await db.selectFrom('maintenance_windows').selectAll().where('cancelled_at', 'is', null).orderBy('starts_at').orderBy('id').execute()).map((w) => ({
      id: `M-${w.id}`,
      kind: w.kind,
      components: components.filter((c) => c.window_id === w.id).map((c) => c.component_id),
      start: iso(w.starts_at),
      end: iso(w.ends_at),
      notices: notices.filter((n) => n.window_id === w.id).map((n) => iso(n.sent_at)),
    }));
    expect(outages.find((o) => o.id === 'O-3')).toMatchObject({ start: '2026-05-01T10:00:00.123Z', end: '2026-05-01T10:30:00.999Z' });
    expect(outages.find((o) => o.id === 'O-2')).toMatchObject({ start: '1969-12-31T23:59:58.500Z', end: '1969-12-31T23:59:59.250Z' });
    expect(windows.find((w) => w.id === 'M-2')!.notices).toHaveLength(3);
    expect(windows.find((w) => w.id === 'M-3')!.notices).toEqual([]);

    const memo = entryMemo();
    for (const entries of [undefined, memo, memo]) {
      const built = await buildCaseFileOf(db, await allContractIds(db), config.ok ? config.config.policy : (undefined as never), { entries });
      expect(built.outages).toEqual(outages.filter((o) => built.contracts.some((c) => c.components.includes(o.component))));
      expect(built.maintenance).toEqual(windows.filter((w) => w.components.some((id) => built.contracts.some((c) => c.components.includes(id)))));
      expect(built.maintenance.length).toBeGreaterThan(20);
    }
  });
});
