import { type Kysely, sql } from 'kysely';

// Issue #16: facts an operator records. An outage seen elsewhere (docs/contract.md §1.5)
// is an outage row marked with who recorded it, why and on what evidence; it is always a
// closed interval, so the tracker's one open outage per component (outages_one_open) is
// untouched. Withdrawing one lowers money, so it takes a request and a second, different
// operator's approval, as force majeure does. `external_ref` is the case file's id of a
// fact imported by `sla facts import` (one import twice changes nothing).
const IMPORTED = ['outages', 'maintenance_windows', 'force_majeure', 'bugs', 'breaches', 'tickets'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('outages')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_reason', 'text')
    .addColumn('evidence', 'text')
    .addColumn('withdraw_requested_by', 'text')
    .addColumn('withdraw_requested_at', 'timestamptz')
    .addColumn('withdraw_reason', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdrawn_at', 'timestamptz')
    .execute();
  await sql`alter table outages add constraint outages_recorded_closed check (recorded_by is null or (ended_at is not null and recorded_reason <> '' and evidence <> ''))`.execute(db);
  await sql`alter table outages add constraint outages_withdrawn_recorded check (withdraw_requested_by is null or recorded_by is not null)`.execute(db);
  // The one who asked can never be the one who approves, whatever the API does.
  await sql`alter table outages add constraint outages_withdraw_second_approver check (withdrawn_by is null or (withdraw_requested_by is not null and withdrawn_by <> withdraw_requested_by))`.execute(db);
  for (const table of IMPORTED) {
    await db.schema.alterTable(table).addColumn('external_ref', 'text').execute();
    await db.schema.createIndex(`${table}_external_ref`).on(table).column('external_ref').unique().where(sql.ref('external_ref'), 'is not', null).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of IMPORTED) await db.schema.alterTable(table).dropColumn('external_ref').execute();
  await db.schema.alterTable('outages').dropConstraint('outages_withdraw_second_approver').execute();
  await db.schema.alterTable('outages').dropConstraint('outages_withdrawn_recorded').execute();
  await db.schema.alterTable('outages').dropConstraint('outages_recorded_closed').execute();
  for (const column of ['recorded_by', 'recorded_reason', 'evidence', 'withdraw_requested_by', 'withdraw_requested_at', 'withdraw_reason', 'withdrawn_by', 'withdrawn_at'])
    await db.schema.alterTable('outages').dropColumn(column).execute();
}
