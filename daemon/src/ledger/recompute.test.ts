import { parseConfig, type Config } from '@sla/shared';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { Database } from '../db/database.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import type { ContractJudgement } from './judgements.ts';
import { decideEntry } from './ledger.repository.ts';
import { allContractIds, CaseFileError, recomputeContract, recomputeContracts } from './recompute.ts';
import { entryMemo } from './entry-memo.ts';
import { factMemo } from './fact-memo.ts';
import { verdictMemo } from './verdict-memo.ts';
import { componentId, seedContractYear } from './testing.ts';

// Issue #13: recomputing many contracts in one transaction from one case file
// must leave exactly the ledger, audit log and judgements that recomputing
// each from its own case file (GET /api/v1/contracts/:id/case) leaves. Two
// databases get the same seeded year; one is settled contract by contract,
// the other in batches; then the same decisions and fact changes go into both.
// The batches make entries through one entryMemo, parse facts through one
// factMemo and judge windows through one verdictMemo kept across recomputes,
// as the daemon does, so changed outages and moved or announced windows meet
// what was remembered of them.

const NOW = Date.parse('2026-10-01T00:00:00Z');
const DAY = 86_400_000;
const config = (components: number): Config => {
  const parsed = parseConfig(`components:\n${Array.from({ length: components }, (_, c) => `  - { id: ${componentId(c)}, name: C${c}, tier: core }`).join('\n')}\n`, 'test.yaml');
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.config;
};

describe.each(testDatabaseKinds())('recomputing contracts in batches on %s', (kind) => {
  const cfg = config(6);
  const { policy } = cfg;
  let single: OpenedDatabase;
  let batched: OpenedDatabase;
  const engine = { windowJudge: verdictMemo() };
  const parse = factMemo();
  const entries = entryMemo();
  const judgements = { single: new Map<string, ContractJudgement | undefined>(), batched: new Map<string, ContractJudgement | undefined>() };

  beforeAll(async () => {
    single = await openTestDatabase(kind);
    batched = await openTestDatabase(kind);
    for (const db of [single.db, batched.db]) {
      await syncCatalog(db, cfg, new Date(NOW - 400 * DAY));
      await seedContractYear(db, { contracts: 40, components: 6, now: NOW });
    }
  });
  afterAll(async () => {
    await single?.close();
    await batched?.close();
  });

  const settleBoth = async (actor: string, at: number) => {
    for (const id of await allContractIds(single.db)) judgements.single.set(id, await recomputeContract(single.db, id, policy, actor, new Date(at)));
    // Batches of 16 over 40 contracts: three transactions, the last one short.
    await recomputeContracts(batched.db, await allContractIds(batched.db), policy, actor, new Date(at), (id, j) => judgements.batched.set(id, j), { batchSize: 16, engine, parse, entries });
  };
  const ledger = (db: Kysely<Database>) =>
    db.selectFrom('ledger_entries').select(['id', 'contract_id', 'kind', 'source', 'ref', 'occurrence', 'credit_as', 'license_seconds', 'amount_vnd', 'policy_version', 'line', 'reverses_id', 'replaces_id', 'state', 'created_by', 'decided_by', 'decided_at', 'decision_reason']).orderBy('id').execute();
  const audit = (db: Kysely<Database>) => db.selectFrom('audit_log').select(['id', 'actor', 'action', 'entity', 'entity_id', 'before', 'after']).orderBy('id').execute();
  const expectSame = async () => {
    expect(await ledger(batched.db)).toEqual(await ledger(single.db));
    expect(await audit(batched.db)).toEqual(await audit(single.db));
    expect(judgements.batched).toEqual(judgements.single);
  };

  it('settles a seeded year as contract-by-contract recomputation does', async () => {
    await settleBoth('engine', NOW);
    expect((await ledger(batched.db)).length).toBeGreaterThan(100);
    await expectSame();
  });

  it('after decisions and changed facts, proposes, supersedes and reverses as contract-by-contract recomputation does', async () => {
    for (const db of [single.db, batched.db]) {
      const proposed = await db.selectFrom('ledger_entries').select('id').where('state', '=', 'proposed').orderBy('id').execute();
      for (const [i, { id }] of proposed.entries())
        if (i % 3 === 0) await decideEntry(db, id, 'proposed', 'approved', 'approver', null, new Date(NOW));
        else if (i % 7 === 0) await decideEntry(db, id, 'proposed', 'rejected', 'approver', 'not owed', new Date(NOW));
      // Every tenth outage raised to very critical or lowered to normal; a force majeure over everything; windows cancelled, moved and announced: the memo must not answer for the window it knew.
      await sql`update outages set class_override = case when id % 20 = 0 then 'very_critical' else 'normal' end where id % 10 = 0`.execute(db);
      await db.insertInto('force_majeure').values({ category: 'epidemic', description: 'Lockdown', evidence: 'decree', components: null, starts_at: new Date(NOW - 200 * DAY), ends_at: new Date(NOW - 190 * DAY), declared_by: 'a', approved_by: 'b', approved_at: new Date(NOW - 189 * DAY) }).execute();
      await db.updateTable('maintenance_windows').set({ cancelled_at: new Date(NOW), cancelled_by: 'ops' }).where('id', 'in', [3, 17, 40]).execute();
      await sql`update maintenance_windows set starts_at = starts_at + interval '3 hours', ends_at = ends_at + interval '3 hours' where id % 9 = 0`.execute(db);
      await sql`delete from maintenance_notices where window_id % 7 = 0`.execute(db);
      await sql`insert into maintenance_notices (window_id, sent_at, channel, recorded_by) select id, starts_at - interval '72 hours', 'email', 'ops' from maintenance_windows where id % 5 = 0`.execute(db);
    }
    await settleBoth('ops', NOW + DAY);
    const kinds = new Set((await ledger(batched.db)).map((e) => `${e.kind}/${e.state}`));
    // Otherwise this test would compare two quiet ledgers.
    for (const k of ['reversal/approved', 'credit/superseded', 'credit/rejected', 'credit/approved', 'credit/proposed']) expect(kinds.has(k), k).toBe(true);
    expect((await audit(batched.db)).some((a) => a.action === 'ledger.reverse')).toBe(true);
    await expectSame();
  });

  it('names the contract whose facts make no valid case file, having settled those before it', async () => {
    // Two states within one second: the case file's seconds put them out of order (docs/case-file.md).
    const [first] = await batched.db.selectFrom('contract_states').select('effective_at').where('contract_id', '=', 'K-0005').orderBy('effective_at').execute();
    await batched.db.insertInto('contract_states').values({ contract_id: 'K-0005', state: 'paused', effective_at: new Date(first!.effective_at.getTime() + 500), recorded_by: 'ops' }).execute();
    const settled: string[] = [];
    await expect(recomputeContracts(batched.db, ['K-0006', 'K-0004', 'K-0005'], policy, 'ops', new Date(NOW), (id) => settled.push(id))).rejects.toThrow(CaseFileError);
    await expect(recomputeContracts(batched.db, ['K-0005'], policy, 'ops', new Date(NOW), () => {})).rejects.toThrow(/contract K-0005: stored facts are not a valid case file/);
    expect(settled).toEqual(['K-0004']);
  });
});
