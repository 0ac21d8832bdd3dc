import { isDeepStrictEqual } from 'node:util';
import { parseConfig, parsePolicy, type Config, type Policy } from '@sla/shared';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { Database } from '../db/database.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { mergeJudgement, type ContractJudgement } from './judgements.ts';
import { decideEntry } from './ledger.repository.ts';
import { allContractIds, contractsCovering, recomputeContracts, recomputeOnComponents } from './recompute.ts';
import { createLedgerService } from './service.ts';
import { componentId, seedContractYear } from './testing.ts';

// Issue #13: a write on some components recomputes only the outage lines on
// them (recomputeOnComponents). Two databases get the same seeded year and the
// same writes, each on one or two components; one recomputes the contracts
// covering them whole, the other on those components alone. Their ledgers,
// audit logs and judgements must stay equal row for row.

const NOW = Date.parse('2026-10-01T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const COMPONENTS = 6;
const config = (): Config => {
  const parsed = parseConfig(`components:\n${Array.from({ length: COMPONENTS }, (_, c) => `  - { id: ${componentId(c)}, name: C${c}, tier: core }`).join('\n')}\n`, 'test.yaml');
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.config;
};

type Judgements = Map<string, ContractJudgement | undefined>;
const byRef = <T extends { ref: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
/** Judgements compared as sets: a merged one lists the replaced part last. */
const normalised = (m: Judgements) => new Map([...m].map(([id, j]) => [id, j === undefined ? undefined : { outages: byRef(j.outages), windows: byRef(j.windows) }]));
const ledger = (db: Kysely<Database>) =>
  db.selectFrom('ledger_entries').select(['id', 'contract_id', 'kind', 'source', 'ref', 'occurrence', 'credit_as', 'license_seconds', 'amount_vnd', 'policy_version', 'line', 'reverses_id', 'replaces_id', 'state', 'created_by', 'decided_by', 'decided_at', 'decision_reason']).orderBy('id').execute();
const audit = (db: Kysely<Database>) => db.selectFrom('audit_log').select(['id', 'actor', 'action', 'entity', 'entity_id', 'before', 'after']).orderBy('id').execute();

/** Nights on which the tests put outages and windows: 22:30–00:30 in Ho Chi Minh City (15:30 UTC), inside SLA §C.1's hours. */
const NIGHTS = [10, 20, 30, 40].map((d) => NOW - d * DAY - (NOW % DAY) + 15.5 * HOUR);

/** Windows listing `components` over each night, announced two days ahead: valid where it is night for the contract, so they excuse the outages then. */
async function windowsOver(db: Kysely<Database>, components: string[], title: string) {
  for (const night of NIGHTS) {
    const w = await db
      .insertInto('maintenance_windows')
      .values({ kind: 'infrastructure', title, starts_at: new Date(night - HOUR / 2), ends_at: new Date(night + 2.5 * HOUR), created_at: new Date(night - 3 * DAY), created_by: 'ops', updated_at: new Date(NOW) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('maintenance_components').values(components.map((component_id) => ({ window_id: w.id, component_id }))).execute();
    await db.insertInto('maintenance_notices').values({ window_id: w.id, sent_at: new Date(night - 2 * DAY), channel: 'email', provenance: 'declared', recorded_by: 'ops' }).execute();
  }
}

/** The writes the operators' API makes, each on the components it recomputes. */
const writes: Array<{ name: string; on: string[]; write: (db: Kysely<Database>) => Promise<unknown> }> = [
  {
    name: 'outages of c-000 raised to very critical',
    on: [componentId(0)],
    write: (db) => sql`update outages set class_override = 'very_critical' where component_id = ${componentId(0)} and id % 3 = 0`.execute(db),
  },
  {
    name: 'outages of c-001 lowered to normal',
    on: [componentId(1)],
    write: (db) => sql`update outages set class_override = 'normal' where component_id = ${componentId(1)} and impact = 'major_outage' and id % 2 = 0`.execute(db),
  },
  {
    name: 'outages confirmed on c-002 and c-003 on four nights',
    on: [componentId(2), componentId(3)],
    write: (db) =>
      db
        .insertInto('outages')
        .values(NIGHTS.flatMap((night) => [componentId(2), componentId(3)].map((component_id) => ({ component_id, impact: 'major_outage' as const, started_at: new Date(night), ended_at: new Date(night + 2 * HOUR), failure_kind: 'timeout' }))))
        .execute(),
  },
  {
    name: 'windows over c-002 on those nights, announced in time',
    on: [componentId(2)],
    write: (db) => windowsOver(db, [componentId(2)], 'Upgrade c-002'),
  },
  {
    name: 'those windows cancelled',
    on: [componentId(2)],
    write: (db) => db.updateTable('maintenance_windows').set({ cancelled_at: new Date(NOW), cancelled_by: 'ops' }).where('title', '=', 'Upgrade c-002').execute(),
  },
  {
    name: 'windows over c-003 and c-004 on those nights, announced in time',
    on: [componentId(3), componentId(4)],
    write: (db) => windowsOver(db, [componentId(3), componentId(4)], 'Upgrade c-003/c-004'),
  },
  {
    // The notice route recomputes on the window's components: both.
    name: 'their notices withdrawn',
    on: [componentId(3), componentId(4)],
    write: (db) => sql`delete from maintenance_notices where window_id in (select id from maintenance_windows where title = 'Upgrade c-003/c-004')`.execute(db),
  },
  {
    name: 'force majeure over c-005',
    on: [componentId(5)],
    write: (db) =>
      db
        .insertInto('force_majeure')
        .values({ category: 'natural_disaster', description: 'Flood', evidence: 'news', components: JSON.stringify([componentId(5)]), starts_at: new Date(NOW - 300 * DAY), ends_at: new Date(NOW - 200 * DAY), declared_by: 'a', approved_by: 'b', approved_at: new Date(NOW - 199 * DAY) })
        .execute(),
  },
  {
    name: 'a confirmed outage on c-000',
    on: [componentId(0)],
    write: (db) =>
      db.insertInto('outages').values({ component_id: componentId(0), impact: 'major_outage', started_at: new Date(NOW - 3 * DAY), ended_at: new Date(NOW - 3 * DAY + 2 * HOUR), failure_kind: 'timeout' }).execute(),
  },
];

describe.each(testDatabaseKinds())('recomputing on the written components on %s', (kind) => {
  const cfg = config();
  const { policy } = cfg;
  let whole: OpenedDatabase;
  let scoped: OpenedDatabase;
  const judgements = { whole: new Map() as Judgements, scoped: new Map() as Judgements };

  beforeAll(async () => {
    whole = await openTestDatabase(kind);
    scoped = await openTestDatabase(kind);
    for (const [db, into] of [
      [whole.db, judgements.whole],
      [scoped.db, judgements.scoped],
    ] as const) {
      await syncCatalog(db, cfg, new Date(NOW - 400 * DAY));
      await seedContractYear(db, { contracts: 40, components: COMPONENTS, now: NOW });
      await recomputeContracts(db, await allContractIds(db), policy, 'engine', new Date(NOW), (id, j) => into.set(id, j));
    }
  });
  afterAll(async () => {
    await whole?.close();
    await scoped?.close();
  });

  const expectSame = async () => {
    expect(await ledger(scoped.db)).toEqual(await ledger(whole.db));
    expect(await audit(scoped.db)).toEqual(await audit(whole.db));
    expect(normalised(judgements.scoped)).toEqual(normalised(judgements.whole));
  };

  it.each(writes.map((w, i) => [w.name, i] as const))('after %s, leaves the ledger and judgements a whole recompute leaves', async (_, i) => {
    const { on, write } = writes[i]!;
    for (const db of [whole.db, scoped.db]) {
      // Decisions between writes, so that changed lines are reversed and rejections reconsidered, not only superseded.
      const proposed = await db.selectFrom('ledger_entries').select('id').where('state', '=', 'proposed').orderBy('id').execute();
      for (const [k, { id }] of proposed.entries())
        if (k % 3 === i % 3) await decideEntry(db, id, 'proposed', 'approved', 'approver', null, new Date(NOW));
        else if (k % 5 === 0) await decideEntry(db, id, 'proposed', 'rejected', 'approver', 'not owed', new Date(NOW));
      await write(db);
    }
    const at = new Date(NOW + (i + 1) * HOUR);
    const before = { entries: (await ledger(whole.db)).length, judgements: normalised(judgements.whole) };
    await recomputeContracts(whole.db, await contractsCovering(whole.db, on), policy, 'ops', at, (id, j) => judgements.whole.set(id, j));
    // Otherwise this case would compare two ledgers and judgements the write did not move.
    const moved = (await ledger(whole.db)).length > before.entries || !isDeepStrictEqual(normalised(judgements.whole), before.judgements);
    expect(moved, 'the write changed some lines or judgements').toBe(true);
    await recomputeOnComponents(scoped.db, on, policy, 'ops', at, (id, j, scope) => judgements.scoped.set(id, j === undefined || scope === undefined ? j : mergeJudgement(judgements.scoped.get(id), j, scope)));
    await expectSame();
  });

  it('recomputes whole the contracts it is told to: a ledger out of line on another component comes back in line', async () => {
    // A write on c-001 whose recompute never ran (a crash in between), then a write on c-000: only a whole
    // recompute of c-000's contracts brings the lines on c-001 of those covering both in line.
    const covering0 = await contractsCovering(whole.db, [componentId(0)]);
    expect((await contractsCovering(whole.db, [componentId(1)])).filter((id) => covering0.includes(id)).length, 'some contract covers both').toBeGreaterThan(0);
    for (const db of [whole.db, scoped.db]) {
      await sql`update outages set class_override = 'very_critical' where component_id = ${componentId(1)} and class_override is null and id % 4 = 1`.execute(db);
      await db.insertInto('outages').values({ component_id: componentId(0), impact: 'major_outage', started_at: new Date(NOW - 2 * DAY), ended_at: new Date(NOW - 2 * DAY + HOUR), failure_kind: 'timeout' }).execute();
    }
    const at = new Date(NOW + DAY);
    const refsOnC1 = new Set((await whole.db.selectFrom('outages').select('id').where('component_id', '=', componentId(1)).execute()).map((r) => `O-${r.id}`));
    const onC1 = async (db: Kysely<Database>) => (await ledger(db)).filter((e) => refsOnC1.has(e.ref)).length;
    const before = await onC1(whole.db);
    await recomputeContracts(whole.db, covering0, policy, 'ops', at, (id, j) => judgements.whole.set(id, j));
    expect(await onC1(whole.db), 'lines on c-001 moved').toBeGreaterThan(before);
    await recomputeOnComponents(scoped.db, [componentId(0)], policy, 'ops', at, (id, j, scope) => judgements.scoped.set(id, j === undefined || scope === undefined ? j : mergeJudgement(judgements.scoped.get(id), j, scope)), { whole: () => true });
    await expectSame();
  });
});

describe.each(testDatabaseKinds())('the ledger service on %s', (kind) => {
  const cfg = config();
  let opened: OpenedDatabase;
  let reference: OpenedDatabase;

  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    reference = await openTestDatabase(kind);
    for (const db of [opened.db, reference.db]) {
      await syncCatalog(db, cfg, new Date(NOW - 400 * DAY));
      await seedContractYear(db, { contracts: 30, components: COMPONENTS, now: NOW, seed: 5 });
    }
  });
  afterAll(async () => {
    await opened?.close();
    await reference?.close();
  });

  it('recomputes whole after a recompute failed, and after the policy changed, until every contract is settled again', async () => {
    let policy: Policy = cfg.policy;
    const service = createLedgerService(opened.db, () => policy, () => NOW);
    const settleReference = async (p: Policy) => recomputeContracts(reference.db, await allContractIds(reference.db), p, 'engine', new Date(NOW), () => {});
    await service.recomputeForComponents('all', 'engine');
    await settleReference(policy);
    // Facts on c-002 change and their recompute fails (a state pair one second apart makes no valid case file for K-0001)…
    const covering2 = await contractsCovering(opened.db, [componentId(2)]);
    const culprit = covering2[0]!;
    const [first] = await opened.db.selectFrom('contract_states').select('effective_at').where('contract_id', '=', culprit).orderBy('effective_at').execute();
    const badAt = new Date(first!.effective_at.getTime() + 500);
    await opened.db.insertInto('contract_states').values({ contract_id: culprit, state: 'paused', effective_at: badAt, recorded_by: 'ops' }).execute();
    for (const db of [opened.db, reference.db]) await sql`update outages set class_override = 'very_critical' where component_id = ${componentId(2)} and class_override is null`.execute(db);
    await expect(service.recomputeForComponents([componentId(2)], 'ops')).rejects.toThrow(/not a valid case file/);
    await opened.db.deleteFrom('contract_states').where('contract_id', '=', culprit).where('effective_at', '=', badAt).execute();
    // …then a write on another component recomputes its contracts whole, which repairs the lines on c-002 of those covering both.
    const crossing = (await contractsCovering(opened.db, [componentId(3)])).filter((id) => covering2.includes(id));
    expect(crossing.length).toBeGreaterThan(0);
    for (const db of [opened.db, reference.db]) await sql`update outages set class_override = 'normal' where component_id = ${componentId(3)} and impact = 'major_outage'`.execute(db);
    await service.recomputeForComponents([componentId(3)], 'ops');
    await recomputeContracts(reference.db, await contractsCovering(reference.db, [componentId(3)]), policy, 'ops', new Date(NOW), () => {});
    const entriesOf = async (db: Kysely<Database>, ids: string[]) =>
      (await db.selectFrom('ledger_entries').select(['contract_id', 'kind', 'source', 'ref', 'license_seconds', 'amount_vnd', 'state']).where('contract_id', 'in', ids).orderBy('contract_id').orderBy('id').execute());
    expect(await entriesOf(opened.db, crossing)).toEqual(await entriesOf(reference.db, crossing));

    // Settled again, then the policy changes (pro rata blocks move every line): a write on c-004 re-runs its contracts' other lines under the new policy too.
    await service.recomputeForComponents('all', 'engine');
    await settleReference(policy);
    policy = parsePolicy({ version: 'prorata-2026', blockRounding: 'prorata' });
    for (const db of [opened.db, reference.db]) await sql`update outages set class_override = 'very_critical' where component_id = ${componentId(4)} and id % 2 = 0`.execute(db);
    await service.recomputeForComponents([componentId(4)], 'ops');
    const covering4 = await contractsCovering(reference.db, [componentId(4)]);
    await recomputeContracts(reference.db, covering4, policy, 'ops', new Date(NOW), () => {});
    expect(await entriesOf(opened.db, covering4)).toEqual(await entriesOf(reference.db, covering4));
  });
});
