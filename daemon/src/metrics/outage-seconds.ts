import type { Impact, OutageClass, Tier } from '@sla/shared';
import { isVeryCritical } from '@sla/shared/engine/classify.ts';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * The class an outage's seconds are counted under. Very critical is the
 * engine's own rule (a core component fully down, or an operator's class).
 * Every other detected outage is `critical`: docs/contract.md §2 puts "main
 * features limited, slow for many users" in P2; `normal` (cosmetic) comes
 * only from an operator's override, which no probe can detect.
 */
export function outageClass(impact: Impact, tier: Tier, override?: OutageClass): OutageClass {
  if (isVeryCritical({ impact, class: override }, tier)) return 'very_critical';
  return override ?? 'critical';
}

/** Seconds of closed outages per component and class, since records began. */
export async function readOutageSeconds(db: Kysely<Database>): Promise<Array<{ component: string; class: OutageClass; seconds: number }>> {
  const { rows } = await sql<{ component: string; impact: Impact; tier: Tier; override: OutageClass | null; seconds: number }>`
    select o.component_id as component, o.impact, c.tier, o.class_override as override,
      sum(extract(epoch from o.ended_at - o.started_at))::float8 as seconds
    from outages o join components c on c.id = o.component_id
    where o.ended_at is not null and o.withdrawn_at is null
    group by o.component_id, o.impact, c.tier, o.class_override
  `.execute(db);
  const totals = new Map<string, { component: string; class: OutageClass; seconds: number }>();
  for (const row of rows) {
    const cls = outageClass(row.impact, row.tier, row.override ?? undefined);
    const key = `${row.component}\u0000${cls}`;
    const total = totals.get(key) ?? totals.set(key, { component: row.component, class: cls, seconds: 0 }).get(key)!;
    total.seconds += row.seconds;
  }
  return [...totals.values()];
}

export interface OpenOutage {
  component: string;
  impact: Impact;
  /** Epoch ms. */
  startedAt: number;
}

/** At most one per component (outages_one_open); read at every scrape, it is an index lookup. */
export async function readOpenOutages(db: Kysely<Database>): Promise<OpenOutage[]> {
  const rows = await db.selectFrom('outages').select(['component_id', 'impact', 'started_at']).where('ended_at', 'is', null).execute();
  return rows.map((r) => ({ component: r.component_id, impact: r.impact, startedAt: r.started_at.getTime() }));
}
