import { EXCLUSION_REASONS, type ExclusionReason } from '@sla/shared';
import type { CreditSource } from '@sla/shared/engine/statement.ts';
import type { CollectedFamilies, Sample } from './collected.ts';

// The money families (issue #6), fed by the credit ledger of issue #4. Until
// a source is wired in, these families do not exist at all: no zero series
// pretending a ledger is there.

/** The states a credit is reported in (docs/contract.md §4); rejected and superseded entries are owed nothing. */
export const LEDGER_METRIC_STATES = ['proposed', 'approved', 'applied'] as const;
export type LedgerMetricState = (typeof LEDGER_METRIC_STATES)[number];

export interface LedgerTotal {
  /** Contract id; it becomes a label only with metrics.perContractMoney (config), never the customer. */
  contract: string;
  /** `outage` lines are credits, `repeat_bug` lines are fines. */
  source: CreditSource;
  state: LedgerMetricState;
  /** Sum over the ledger entries in that state, reversing entries included with their (negative) figures. */
  licenseSeconds: bigint;
  amountVnd: bigint;
}

export interface ExcludedDowntime {
  component: string;
  reason: ExclusionReason;
  /**
   * Seconds of the component's closed very critical outages that earn
   * nothing for this reason, since records began, each outage second counted
   * once (not once per contract: the contract that excuses least decides,
   * ledger/judgements.ts). Overlaps go to the reason first in
   * EXCLUSION_REASONS, as the engine allocates them. Components no contract
   * covers have none: nobody was owed anything there.
   */
  seconds: number;
}

export interface LedgerMetricSource {
  /** One row per contract, source and state that has entries; read at most every second (registry.ts). */
  totals: () => Promise<LedgerTotal[]>;
  /** One row per component and reason with seconds; read at most every second (registry.ts). */
  excludedDowntime: () => Promise<ExcludedDowntime[]>;
}

const MONEY = [
  ['credits', 'outage', 'Credits for very critical outages (SLA §C.5)'],
  ['fines', 'repeat_bug', 'Fines for repeated bugs (SLA §C.5)'],
] as const;

export function registerLedgerFamilies(
  families: CollectedFamilies,
  o: {
    totals: () => Promise<LedgerTotal[] | undefined>;
    excludedDowntime: () => Promise<ExcludedDowntime[] | undefined>;
    components: () => string[];
    /** Read at each scrape, so a reload that turns it off removes the series at once. */
    perContractMoney: () => boolean;
  },
): void {
  for (const [family, source, what] of MONEY) {
    for (const [unit, field] of [['vnd', 'amountVnd'], ['license_seconds', 'licenseSeconds']] as const) {
      const pick = async () => (await o.totals())?.filter((t) => t.source === source);
      // Number(): a Prometheus sample is a float64; past 2^53 VND the figure is rounded, the ledger is not.
      families.gauge({
        name: `sla_${family}_${unit}`,
        help: `${what}, ${unit === 'vnd' ? 'in VND' : 'as license time in seconds'}, summed over contracts by ledger state.`,
        labelNames: ['state'],
        samples: async () => {
          const rows = await pick();
          if (rows === undefined) return undefined;
          return LEDGER_METRIC_STATES.map((state): Sample<'state'> => [{ state }, Number(rows.filter((r) => r.state === state).reduce((a, r) => a + r[field], 0n))]);
        },
      });
      families.gauge({
        name: `sla_contract_${family}_${unit}`,
        help: `${what}, ${unit === 'vnd' ? 'in VND' : 'as license time in seconds'}, per contract and ledger state; only with metrics.perContractMoney.`,
        labelNames: ['contract', 'state'],
        samples: async () => (o.perContractMoney() ? (await pick())?.map((r): Sample<'contract' | 'state'> => [{ contract: r.contract, state: r.state }, Number(r[field])]) : undefined),
      });
    }
  }
  // A gauge, not a counter: withdrawing force majeure or cancelling a window
  // lowers it, and Prometheus would read a counter going down as a reset.
  families.gauge({
    name: 'sla_excluded_downtime_seconds',
    help: 'Seconds of closed very critical outages excused from credits (SLA §C.5), by component and reason: maintenance, force majeure, contract not active, before the policy. Each second once, as judged for the contract that excuses least.',
    labelNames: ['component', 'reason'],
    samples: async () => {
      const rows = await o.excludedDowntime();
      if (rows === undefined) return undefined;
      const seconds = new Map(rows.map((r) => [`${r.component}\u0000${r.reason}`, r.seconds]));
      return o.components().flatMap((component) =>
        EXCLUSION_REASONS.map((reason): Sample<'component' | 'reason'> => [{ component, reason }, seconds.get(`${component}\u0000${reason}`) ?? 0]),
      );
    },
  });
}
