import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Operators' facts, the credit ledger, renewals, tokens and the audit log
// (issue #4). Money and license seconds are numeric(40,0): fines double past
// 2^63 (docs/contract.md §1.2) and must never round.

const created = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('viewer', 'operator', 'approver', 'admin')`))
    // sha256 of a 256-bit random token: the token itself is shown once and never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', created)
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', created)
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  // Append-only, enforced by the database rather than trusted to code.
  await sql`create function refuse_change() returns trigger language plpgsql as $$ begin raise exception '% is append-only', tg_table_name; end $$`.execute(db);
  await sql`create trigger audit_log_append_only before update or delete on audit_log for each row execute function refuse_change()`.execute(db);

  await db.schema
    .createTable('contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('annual_fee_vnd', sql`numeric(40,0)`, (c) => c.notNull().check(sql`annual_fee_vnd > 0`))
    .addColumn('credit_as', 'text', (c) => c.notNull().check(sql`credit_as in ('license', 'renewal')`))
    .addColumn('license_expires_at', 'timestamptz')
    .addColumn('renewal_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', created)
    .addColumn('updated_at', 'timestamptz', created)
    .execute();
  await db.schema
    .createTable('contract_components')
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
    .addPrimaryKeyConstraint('contract_components_pk', ['contract_id', 'component_id'])
    .execute();
  await db.schema
    .createTable('contract_states')
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('deployment', 'active', 'paused')`))
    .addColumn('effective_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', created)
    .addPrimaryKeyConstraint('contract_states_pk', ['contract_id', 'effective_at'])
    .execute();

  await db.schema
    .createTable('maintenance_windows')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('minor_update', 'infrastructure', 'backup', 'version_upgrade')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', created)
    .addColumn('updated_at', 'timestamptz', created)
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('cancelled_by', 'text')
    .addCheckConstraint('maintenance_end_after_start', sql`ends_at > starts_at`)
    .execute();
  await db.schema
    .createTable('maintenance_components')
    .addColumn('window_id', 'integer', (c) => c.notNull().references('maintenance_windows.id'))
    .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
    .addPrimaryKeyConstraint('maintenance_components_pk', ['window_id', 'component_id'])
    .execute();
  await db.schema
    .createTable('maintenance_notices')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('window_id', 'integer', (c) => c.notNull().references('maintenance_windows.id'))
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('status_page', 'email', 'in_app')`))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', created)
    .execute();

  await db.schema
    .createTable('force_majeure')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('natural_disaster', 'epidemic', 'power_failure', 'telecom_cable', 'legal')`))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
    // null = every component (docs/case-file.md).
    .addColumn('components', 'jsonb')
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('declared_by', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'timestamptz', created)
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdrawn_at', 'timestamptz')
    .addCheckConstraint('force_majeure_end_after_start', sql`ends_at > starts_at`)
    .execute();

  await db.schema
    .createTable('bugs')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', created)
    .execute();
  await db.schema
    .createTable('bug_occurrences')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('bug_id', 'integer', (c) => c.notNull().references('bugs.id'))
    .addColumn('reported_at', 'timestamptz', (c) => c.notNull())
    .addColumn('fixed_at', 'timestamptz')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', created)
    .addCheckConstraint('bug_fixed_after_report', sql`fixed_at is null or fixed_at >= reported_at`)
    .execute();

  // docs/contract.md §1.1: an operator may raise or lower an outage's class, with a reason.
  await db.schema.alterTable('outages').addColumn('class_override', 'text', (c) => c.check(sql`class_override in ('very_critical', 'critical', 'normal')`)).execute();
  await db.schema.alterTable('outages').addColumn('class_reason', 'text').execute();
  await db.schema
    .createTable('outage_annotations')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('outage_id', 'integer', (c) => c.notNull().references('outages.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', created)
    .execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('investigating', 'identified', 'monitoring', 'resolved', 'postmortem')`))
    .addColumn('impact', 'text', (c) => c.notNull().check(sql`impact in ('none', 'minor', 'major', 'critical')`))
    .addColumn('apology', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', created)
    .addColumn('updated_at', 'timestamptz', created)
    .addColumn('monitoring_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('incident_components')
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
    .addPrimaryKeyConstraint('incident_components_pk', ['incident_id', 'component_id'])
    .execute();
  await db.schema
    .createTable('incident_outages')
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('outage_id', 'integer', (c) => c.notNull().references('outages.id'))
    .addPrimaryKeyConstraint('incident_outages_pk', ['incident_id', 'outage_id'])
    .execute();
  await db.schema
    .createTable('incident_updates')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // [{code, name, old_status, new_status}] as Statuspage shows them.
    .addColumn('affected_components', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', created)
    .execute();

  // The credit ledger (docs/contract.md §4): entries never change their figures;
  // a correction is a reversing entry. `state` moves proposed → approved |
  // rejected → applied (or superseded, for a proposal replaced before any
  // decision), each move guarded by the expected state so exactly one wins.
  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('credit', 'reversal')`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('occurrence', 'integer')
    .addColumn('credit_as', 'text', (c) => c.notNull().check(sql`credit_as in ('license', 'renewal')`))
    .addColumn('license_seconds', sql`numeric(40,0)`, (c) => c.notNull())
    .addColumn('amount_vnd', sql`numeric(40,0)`, (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    // The statement line as the engine wrote it: the facts, exclusions and figures.
    .addColumn('line', 'jsonb', (c) => c.notNull())
    .addColumn('reverses_id', 'integer', (c) => c.references('ledger_entries.id'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('proposed', 'approved', 'rejected', 'applied', 'superseded')`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', created)
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_reason', 'text')
    .addColumn('renewal_id', 'integer')
    .addColumn('applied_by', 'text')
    .addColumn('applied_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('ledger_entries_contract').on('ledger_entries').columns(['contract_id', 'source', 'ref']).execute();
  // One reversal per reversed entry, even when two recomputations race.
  await sql`create unique index ledger_one_reversal on ledger_entries (reverses_id) where reverses_id is not null`.execute(db);

  await db.schema
    .createTable('renewals')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('period_start', 'timestamptz', (c) => c.notNull())
    .addColumn('period_end', 'timestamptz', (c) => c.notNull())
    .addColumn('fee_vnd', sql`numeric(40,0)`, (c) => c.notNull())
    .addColumn('deduction_vnd', sql`numeric(40,0)`, (c) => c.notNull())
    .addColumn('amount_vnd', sql`numeric(40,0)`, (c) => c.notNull())
    .addColumn('license_extension_seconds', sql`numeric(40,0)`, (c) => c.notNull())
    .addColumn('previous_expiry', 'timestamptz')
    .addColumn('new_expiry', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', created)
    .addUniqueConstraint('renewals_idempotency', ['contract_id', 'idempotency_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'renewals', 'ledger_entries', 'incident_updates', 'incident_outages', 'incident_components', 'incidents',
    'outage_annotations', 'bug_occurrences', 'bugs', 'force_majeure', 'maintenance_notices', 'maintenance_components',
    'maintenance_windows', 'contract_states', 'contract_components', 'contracts', 'audit_log', 'api_tokens',
  ])
    await db.schema.dropTable(table).execute();
  await sql`drop function refuse_change`.execute(db);
  await db.schema.alterTable('outages').dropColumn('class_override').execute();
  await db.schema.alterTable('outages').dropColumn('class_reason').execute();
}
