import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContract } from '../contracts/contract.repository.ts';
import type { Database } from '../db/database.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { computeStatement, parseCaseFile, parsePolicy } from '@sla/shared';
import { buildCaseFile } from './case-builder.ts';
import { renewContract } from './renewals.ts';

const FEE = 36_500_000n;
const NOW = new Date('2026-12-07T03:00:00Z');

/** An approved renewal credit, as an approver leaves it (issue #12's money cases need no outage). */
async function approvedCredit(db: Kysely<Database>, contractId: string, ref: string, amountVnd: bigint) {
  await db
    .insertInto('ledger_entries')
    .values({
      contract_id: contractId, kind: 'credit', source: 'repeat_bug', ref, occurrence: 2, credit_as: 'renewal',
      license_seconds: '0', amount_vnd: amountVnd.toString(), policy_version: 'test', line: JSON.stringify({ ref }),
      reverses_id: null, state: 'approved', created_by: 'engine', decided_by: 'ops-b', decided_at: NOW,
    })
    .execute();
}

describe.each(testDatabaseKinds())('renewals on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await opened.db.insertInto('components').values({ id: 'app', name: 'App', group_name: null, tier: 'core', description: null, position: 0, updated_at: NOW }).execute();
  });
  afterAll(async () => opened?.close());

  const contract = (id: string) =>
    createContract(opened.db, { id, customer: 'Khách hàng', timeZone: 'Asia/Ho_Chi_Minh', annualFeeVnd: FEE.toString(), components: ['app'], creditAs: 'renewal', states: [{ state: 'active', from: new Date('2025-01-01T00:00:00Z') }] }, 'ops-a');

  // Issue #12: the excess of a deduction over the fee was dropped while every entry was marked applied.
  it('carries a deduction larger than the fee to the next renewal, exactly', async () => {
    await contract('C-CARRY');
    await approvedCredit(opened.db, 'C-CARRY', 'B-1', 30_000_000n);
    await approvedCredit(opened.db, 'C-CARRY', 'B-2', 16_500_001n);
    const first = await renewContract(opened.db, 'C-CARRY', 'renewal-first', 'ops-b', NOW);
    expect(first?.kind).toBe('created');
    if (first?.kind !== 'created') return;
    expect(first.renewal.amount_vnd).toBe('0');
    expect(first.renewal.deduction_vnd).toBe(FEE.toString());
    const carried = await opened.db.selectFrom('ledger_entries').selectAll().where('contract_id', '=', 'C-CARRY').where('source', '=', 'carried_forward').execute();
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({ state: 'approved', amount_vnd: '10000001', ref: `renewal:${first.renewal.id}`, credit_as: 'renewal' });

    // The next period, once it is due: the carried excess is the deduction.
    const nextYear = new Date(first.renewal.period_end.getTime());
    const second = await renewContract(opened.db, 'C-CARRY', 'renewal-second', 'ops-b', nextYear);
    expect(second?.kind).toBe('created');
    if (second?.kind !== 'created') return;
    expect(second.renewal.deduction_vnd).toBe('10000001');
    expect(second.renewal.amount_vnd).toBe((FEE - 10_000_001n).toString());
  });

  // Issue #12: 8 racing renewals with fresh keys made 8 renewals and moved the expiry 9 years.
  it('renews a period once whatever the key, and refuses the next period before it is due', async () => {
    await contract('C-ONCE');
    const first = await renewContract(opened.db, 'C-ONCE', 'renewal-key-a', 'ops-b', NOW);
    const again = await renewContract(opened.db, 'C-ONCE', 'renewal-key-b', 'ops-b', NOW);
    expect(first?.kind).toBe('created');
    expect(again).toMatchObject({ kind: 'too_early' });
    const rows = await opened.db.selectFrom('renewals').select('id').where('contract_id', '=', 'C-ONCE').execute();
    expect(rows).toHaveLength(1);
  });

  // docs/contract.md §4: by policy setting the excess is paid as license days, not carried; half up once, as the engine does.
  it('with excessCredit license_time pays the excess as license days and carries nothing', async () => {
    await contract('C-DAYS');
    // 10,000,001 past the fee: × 365 ÷ 36,500,000 = 100.00001 days → 100.
    await approvedCredit(opened.db, 'C-DAYS', 'B-1', FEE + 10_000_001n);
    const before = await opened.db.selectFrom('contracts').select('license_expires_at').where('id', '=', 'C-DAYS').executeTakeFirstOrThrow();
    const first = await renewContract(opened.db, 'C-DAYS', 'renewal-days', 'ops-b', NOW, 'license_time');
    if (first?.kind !== 'created') throw new Error(`not created: ${first?.kind}`);
    expect(first.renewal).toMatchObject({ amount_vnd: '0', deduction_vnd: FEE.toString(), license_extension_seconds: String(100 * 86_400) });
    const plainYear = Temporal.Instant.fromEpochMilliseconds((before.license_expires_at ?? first.renewal.period_start).getTime()).toZonedDateTimeISO('Asia/Ho_Chi_Minh').add({ years: 1 });
    expect(first.renewal.new_expiry.getTime() - plainYear.epochMilliseconds).toBe(100 * 86_400_000);
    const carried = await opened.db.selectFrom('ledger_entries').select('id').where('contract_id', '=', 'C-DAYS').where('source', '=', 'carried_forward').execute();
    expect(carried).toHaveLength(0);
  });

  // docs/case-file.md: the export lists the renewals made, so `sla credits` on it gives each renewal's deduction and carry.
  it('writes the stored renewals and the excess setting into the case export', async () => {
    const policy = parsePolicy({ excessCredit: 'license_time' });
    const exported = await buildCaseFile(opened.db, 'C-CARRY', policy);
    const stored = await opened.db.selectFrom('renewals').select(['created_at', 'fee_vnd']).where('contract_id', '=', 'C-CARRY').orderBy('id').execute();
    expect(stored).toHaveLength(2);
    expect(exported?.policy.excessCredit).toBe('license_time');
    expect(exported?.contracts[0]?.renewals).toEqual(stored.map((r) => ({ at: r.created_at.toISOString(), feeVnd: r.fee_vnd })));
    const parsed = parseCaseFile(JSON.parse(JSON.stringify(exported)));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const replayed = computeStatement(parsed.caseFile).contracts[0]?.renewals;
    expect(replayed?.map((r) => r.feeVnd)).toEqual([FEE, FEE]);
    // A contract with no renewal gets no key: its statement stays as it was.
    expect((await buildCaseFile(opened.db, 'C-DAYS', policy))?.contracts[0]).toHaveProperty('renewals');
    await contract('C-NONE');
    expect((await buildCaseFile(opened.db, 'C-NONE', policy))?.contracts[0]).not.toHaveProperty('renewals');
  });
});
