import { sql } from 'kysely';
import { listComponents, type ComponentRow } from '../catalog/catalog.repository.ts';
import type { PublicReadModel } from './read-model.ts';
import { loadFactRows, type FactRows } from './uptime-facts.ts';

// The front page reads 90 days of history for every component on each
// render (once a second per variant under a crowd). That history rarely
// changes, and reading it costs tens of milliseconds on the embedded
// database, whose queries run on the event loop. So the rows are kept and
// read again only when a one-query fingerprint of the tables changes, or
// after `maxAgeMs` whatever the fingerprint says.

const DAY_MS = 86_400_000;

export interface Snapshot {
  components: ComponentRow[];
  rows: FactRows;
  /** Rows reach back to here; enough for 90 local days in any zone and the 90-day window. */
  from: number;
}

export interface SnapshotOptions {
  maxAgeMs?: number;
}

export function createSnapshotSource(d: PublicReadModel, o: SnapshotOptions = {}): () => Promise<Snapshot> {
  const maxAgeMs = o.maxAgeMs ?? 60_000;
  let current: { snapshot: Snapshot; key: string; loadedAt: number } | undefined;
  let loading: Promise<void> | undefined;
  return async () => {
    const now = d.now();
    // Settings that change which rows are read are part of the key.
    const key = `${await fingerprint(d)}|${d.forceMajeureNeedsSecondApprover}`;
    const fresh = current !== undefined && current.key === key && now - current.loadedAt < maxAgeMs && current.snapshot.from <= now - 91 * DAY_MS;
    if (!fresh) {
      loading ??= (async () => {
        const from = now - 92 * DAY_MS;
        const components = await listComponents(d.db);
        const rows = await loadFactRows(d, components.map((c) => c.id), new Date(from));
        current = { snapshot: { components, rows, from }, key, loadedAt: now };
      })().finally(() => (loading = undefined));
      await loading;
    }
    return current!.snapshot;
  };
}

/**
 * Changes whenever a row the front page's history reads is added, closed,
 * cancelled, approved, withdrawn or re-classed: counts, latest ids and times
 * of each table. One statement, aggregates only.
 */
async function fingerprint(d: PublicReadModel): Promise<string> {
  const result = await sql<{ f: string }>`
    select concat_ws('|',
      (select concat_ws(',', count(*), max(id), count(ended_at), max(ended_at), sum(length(impact))) from outages),
      (select concat_ws(',', count(*), max(id), max(updated_at), count(cancelled_at), max(starts_at), max(ends_at)) from maintenance_windows),
      (select concat_ws(',', count(*), sum(window_id), sum(length(component_id))) from maintenance_components),
      (select concat_ws(',', count(*), max(id), max(sent_at)) from maintenance_notices),
      (select concat_ws(',', count(*), max(id), count(approved_by), count(withdrawn_at), max(approved_at), max(withdrawn_at), max(starts_at), max(ends_at)) from force_majeure),
      (select concat_ws(',', count(*), max(id), max(ended_at)) from unknown_periods),
      (select concat_ws(',', count(*), max(updated_at), count(*) filter (where active), sum(extract(epoch from created_at))) from components),
      (select concat_ws(',', count(*), max(updated_at), count(*) filter (where active)) from monitors)
    ) as f`.execute(d.db);
  return result.rows[0]?.f ?? '';
}
