import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { MonitorStateTable } from './monitor-state.table.ts';

export type MonitorStateRow = Selectable<MonitorStateTable>;

export async function loadMonitorStates(db: Kysely<Database>): Promise<MonitorStateRow[]> {
  return db.selectFrom('monitor_states').selectAll().execute();
}

export async function saveMonitorState(db: Kysely<Database>, row: MonitorStateRow): Promise<void> {
  await db
    .insertInto('monitor_states')
    .values(row)
    .onConflict((oc) =>
      oc.column('monitor_id').doUpdateSet({
        state: row.state,
        since: row.since,
        failure_kind: row.failure_kind,
        failure_message: row.failure_message,
      }),
    )
    .execute();
}
