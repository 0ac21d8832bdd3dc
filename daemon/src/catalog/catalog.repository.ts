import type { Config } from '@sla/shared';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ComponentTable } from './catalog.table.ts';

export type ComponentRow = Selectable<ComponentTable>;

/**
 * Mirrors the config's components and monitors into the database (config as
 * code is the source of truth). Removed ones are deactivated, never deleted,
 * so their outages and results keep joining.
 */
export async function syncCatalog(db: Kysely<Database>, config: Config, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const [position, c] of config.components.entries()) {
      const row = { name: c.name, group_name: c.group ?? null, tier: c.tier, description: c.description ?? null, position, active: true, updated_at: now };
      await tx.insertInto('components').values({ id: c.id, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    }
    for (const m of config.monitors) {
      const row = { component_id: m.component, kind: m.kind, target: m.target, interval_ms: m.interval, active: true, updated_at: now };
      await tx.insertInto('monitors').values({ id: m.id, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    }
    const componentIds = config.components.map((c) => c.id);
    const monitorIds = config.monitors.map((m) => m.id);
    await tx.updateTable('components').set({ active: false, updated_at: now }).where('active', '=', true).$if(componentIds.length > 0, (q) => q.where('id', 'not in', componentIds)).execute();
    await tx.updateTable('monitors').set({ active: false, updated_at: now }).where('active', '=', true).$if(monitorIds.length > 0, (q) => q.where('id', 'not in', monitorIds)).execute();
  });
}

export async function listComponents(db: Kysely<Database>): Promise<ComponentRow[]> {
  return db.selectFrom('components').selectAll().where('active', '=', true).orderBy('position').execute();
}
