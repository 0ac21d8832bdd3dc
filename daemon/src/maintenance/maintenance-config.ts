import type { MaintenanceSeed } from '@sla/shared';
import { occurrenceEnd } from '@sla/shared/engine/recurrence.ts';
import type { WindowInput } from './maintenance.repository.ts';

/** A config window as the repository takes it (config seeds; the database is the record after). */
export function windowFromConfig(w: MaintenanceSeed): WindowInput {
  const startsAt = new Date(w.startsAt);
  const recurrence = w.recurrence === undefined ? undefined : { ...w.recurrence, duration: w.recurrence.duration.toString() };
  // A recurring window's endsAt is its first occurrence's end (maintenance.table.ts).
  const endsAt = w.recurrence === undefined ? new Date(w.endsAt!) : new Date(occurrenceEnd(Math.floor(startsAt.getTime() / 1000), w.recurrence) * 1000);
  return { kind: w.kind, title: w.title, description: w.description, components: w.components, startsAt, endsAt, recurrence, seedId: w.id };
}
