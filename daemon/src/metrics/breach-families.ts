import type { CollectedFamilies } from './collected.ts';

// Issue #16: confidentiality breaches (docs/contract.md §1.3) by state — a count,
// never a contract, a customer or an amount (docs/contract.md §5).

export const BREACH_METRIC_STATES = ['declared', 'approved'] as const;
export type BreachMetricState = (typeof BREACH_METRIC_STATES)[number];

export interface BreachMetricSource {
  /** How many breaches await a second operator, and how many were approved. */
  counts: () => Promise<Record<BreachMetricState, number>>;
}

export function registerBreachFamilies(families: CollectedFamilies, o: { counts: () => Promise<Record<BreachMetricState, number> | undefined> }): void {
  families.gauge({
    name: 'sla_breaches',
    help: 'Confidentiality breaches (terms §4) by state: declared (awaiting a second, different approver) or approved.',
    labelNames: ['state'],
    samples: async () => {
      const counts = await o.counts();
      return counts === undefined ? undefined : BREACH_METRIC_STATES.map((state) => [{ state }, counts[state]]);
    },
  });
}
