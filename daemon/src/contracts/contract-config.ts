import type { ContractConfig } from '@sla/shared';
import type { ContractInput } from './contract.repository.ts';

/** A config contract as the repository takes it (config seeds; the database is the record after). */
export function contractFromConfig(c: ContractConfig): ContractInput {
  return {
    id: c.id,
    customer: c.customer,
    timeZone: c.timeZone,
    annualFeeVnd: c.annualFeeVnd,
    components: c.components,
    creditAs: c.creditAs,
    states: c.states.map((s) => ({ state: s.state, from: new Date(s.from) })),
  };
}
