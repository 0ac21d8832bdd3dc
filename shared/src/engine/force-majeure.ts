import { interval } from '../time/intervals.ts';
import type { ExclusionFact } from './exclusions.ts';

export interface ForceMajeureEvent {
  id: string;
  components?: readonly string[] | undefined;
  start: number;
  end: number;
  declaredBy: string;
  approvedBy?: string | undefined;
}

/**
 * Terms §11 (docs/contract.md §3.2): an event excuses downtime only once approved,
 * and — by default — approved by a second operator, different from the one who
 * declared it, because it removes money owed to customers.
 */
export function isEffective(event: ForceMajeureEvent, needsSecondApprover: boolean): boolean {
  if (event.approvedBy === undefined) return false;
  return !needsSecondApprover || event.approvedBy !== event.declaredBy;
}

/** docs/case-file.md: an event without `components` covers them all. */
export function covers(event: ForceMajeureEvent, component: string): boolean {
  return event.components === undefined || event.components.includes(component);
}

/** The effective events covering `component`, as exclusion facts in input order. */
export function forceMajeureFacts(
  events: readonly ForceMajeureEvent[],
  component: string,
  needsSecondApprover: boolean,
): ExclusionFact[] {
  return events
    .filter((event) => isEffective(event, needsSecondApprover) && covers(event, component))
    .map((event) => ({ reason: 'force_majeure', ref: event.id, intervals: event.start < event.end ? [interval(event.start, event.end)] : [] }));
}
