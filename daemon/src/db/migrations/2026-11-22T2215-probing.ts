import { sql, type Kysely } from 'kysely';

// The probing backbone (issue #2). Written for PostgreSQL 15: PGlite accepts
// newer syntax that production would reject (docs/conventions.md §9.2).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('components')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('group_name', 'text')
    .addColumn('tier', 'text', (c) => c.notNull().check(sql`tier in ('core', 'feature')`))
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('monitors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('interval_ms', 'integer', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The confirmed state of each monitor's detector, written in the same
  // transaction as the outage it opens or closes, so a restart resumes it.
  await db.schema
    .createTable('monitor_states')
    .addColumn('monitor_id', 'text', (c) => c.primaryKey().references('monitors.id'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('up', 'degraded', 'down')`))
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('failure_kind', 'text')
    .addColumn('failure_message', 'text')
    .execute();

  await db.schema
    .createTable('outages')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
    .addColumn('impact', 'text', (c) => c.notNull().check(sql`impact in ('major_outage', 'partial_outage', 'degraded')`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('monitor_id', 'text')
    .addColumn('failure_kind', 'text')
    .addColumn('failure_message', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('outages_end_after_start', sql`ended_at is null or ended_at >= started_at`)
    .execute();
  // At most one open outage per component: a double open after a race or a
  // restart is refused by the database rather than trusted to code.
  await sql`create unique index outages_one_open on outages (component_id) where ended_at is null`.execute(db);
  await db.schema.createIndex('outages_component_start').on('outages').columns(['component_id', 'started_at']).execute();

  await db.schema
    .createTable('probe_results')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('monitor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('up', 'degraded', 'down', 'unknown')`))
    .addColumn('duration_ms', 'real', (c) => c.notNull())
    .addColumn('failure_kind', 'text')
    .addColumn('failure_message', 'text')
    .addColumn('http_status', 'integer')
    .execute();
  await db.schema.createIndex('probe_results_monitor_at').on('probe_results').columns(['monitor_id', 'at']).execute();
  await db.schema.createIndex('probe_results_at').on('probe_results').column('at').execute();

  // Time nobody watched: the daemon was not running, or the prober was cut off.
  await db.schema
    .createTable('unknown_periods')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('monitor_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('daemon_down', 'isolated')`))
    .execute();
  await db.schema.createIndex('unknown_periods_monitor').on('unknown_periods').columns(['monitor_id', 'started_at']).execute();

  await db.schema
    .createTable('probe_rollups')
    .addColumn('monitor_id', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text', (c) => c.notNull().check(sql`resolution in ('minute', 'hour', 'day')`))
    .addColumn('bucket', 'timestamptz', (c) => c.notNull())
    .addColumn('up', 'integer', (c) => c.notNull())
    .addColumn('degraded', 'integer', (c) => c.notNull())
    .addColumn('down', 'integer', (c) => c.notNull())
    .addColumn('unknown', 'integer', (c) => c.notNull())
    .addColumn('latency_p50_ms', 'real')
    .addColumn('latency_p95_ms', 'real')
    .addColumn('latency_p99_ms', 'real')
    .addPrimaryKeyConstraint('probe_rollups_pk', ['monitor_id', 'resolution', 'bucket'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['probe_rollups', 'unknown_periods', 'probe_results', 'outages', 'monitor_states', 'monitors', 'components'])
    await db.schema.dropTable(table).execute();
}
