import { sql, type Kysely } from 'kysely';
import type { CreditSource } from '@sla/shared/engine/statement.ts';
import type { Database } from '../db/database.ts';
import { excludedDowntime, type ContractJudgement } from '../ledger/judgements.ts';
import { LEDGER_METRIC_STATES, type LedgerMetricSource, type LedgerMetricState } from './ledger-families.ts';

/**
 * The money families' source (issue #6): sums straight from ledger_entries,
 * so they match the ledger to the dong (reversals are stored negative);
 * excused seconds from the engine's latest judgements, kept by the ledger
 * service (issue #4).
 */
export function ledgerMetricSource(db: Kysely<Database>, judgements: () => ReadonlyMap<string, ContractJudgement>): LedgerMetricSource {
  return {
    totals: async () => {
      const { rows } = await sql<{ contract: string; source: CreditSource; state: LedgerMetricState; license_seconds: string; amount_vnd: string }>`
        select contract_id as contract, source, state,
          sum(license_seconds)::text as license_seconds, sum(amount_vnd)::text as amount_vnd
        from ledger_entries
        where state in (${sql.join(LEDGER_METRIC_STATES.map((s) => sql.lit(s)))})
        group by contract_id, source, state
        order by contract_id, source, state
      `.execute(db);
      return rows.map((r) => ({ contract: r.contract, source: r.source, state: r.state, licenseSeconds: BigInt(r.license_seconds), amountVnd: BigInt(r.amount_vnd) }));
    },
    excludedDowntime: async () => excludedDowntime(judgements()),
  };
}
