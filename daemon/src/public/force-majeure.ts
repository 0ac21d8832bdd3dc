import type { PublicForceMajeure } from '@sla/shared/public-api/index.ts';
import type { PublicReadModel } from './read-model.ts';

export interface ForceMajeureRow {
  id: number;
  category: PublicForceMajeure['category'];
  description: string;
  starts_at: Date;
  ends_at: Date;
  /** null: every component. */
  components: string[] | null;
}

/**
 * Effective force majeure overlapping [from, to), newest first: approved, not
 * withdrawn and — when the policy asks (docs/contract.md §3.2) — approved by
 * someone other than its declarer. Only the public columns leave the query:
 * never the evidence or the operators' names.
 */
export async function loadForceMajeure(
  d: Pick<PublicReadModel, 'db' | 'forceMajeureNeedsSecondApprover'>,
  range: { from: Date; to: Date },
  limit = 500,
): Promise<ForceMajeureRow[]> {
  const rows = await d.db
    .selectFrom('force_majeure')
    .select(['id', 'category', 'description', 'starts_at', 'ends_at', 'components'])
    .where('approved_by', 'is not', null)
    .where('withdrawn_at', 'is', null)
    .$if(d.forceMajeureNeedsSecondApprover, (q) => q.whereRef('approved_by', '<>', 'declared_by'))
    .where('starts_at', '<', range.to)
    .where('ends_at', '>', range.from)
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  // jsonb comes back parsed from both drivers; a string would be a driver that did not.
  return rows.map((r) => ({ ...r, components: typeof r.components === 'string' ? JSON.parse(r.components) : r.components }));
}

export function covers(event: ForceMajeureRow, componentId: string): boolean {
  return event.components === null || event.components.includes(componentId);
}

export function toPublicForceMajeure(event: ForceMajeureRow, names: ReadonlyMap<string, string>): PublicForceMajeure {
  return {
    id: event.id,
    category: event.category,
    description: event.description,
    startsAt: event.starts_at.toISOString(),
    endsAt: event.ends_at.toISOString(),
    components: event.components === null ? null : event.components.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! })),
  };
}
