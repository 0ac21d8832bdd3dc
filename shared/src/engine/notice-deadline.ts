import type { MaintenanceKind } from '../domain/sets.ts';
import { MAINTENANCE_RULES } from './maintenance-rules.ts';

/**
 * Issue #15, SLA §C.1 (docs/contract.md §3.1): the earliest start (epoch
 * seconds) a window of `kind` may have for a notice given at `noticeAt` to
 * be early enough — its kind's longest notice lead; later notices (a version
 * upgrade's ≥ 24 h one) fit between. Undefined when the kind needs none.
 */
export function earliestNoticedStart(kind: MaintenanceKind, noticeAt: number): number | undefined {
  const [longest] = MAINTENANCE_RULES[kind].noticeHours;
  return longest === undefined ? undefined : noticeAt + longest * 3600;
}
