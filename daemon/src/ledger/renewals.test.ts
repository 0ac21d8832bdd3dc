import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContract } from '../contracts/contract.repository.ts';
import type { Database } from '../db/database.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import type { OpenedDatabase } from '../db/open.ts';
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
});
