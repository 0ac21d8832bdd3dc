import { type Kysely, sql } from 'kysely';

// Issue #16 (SLA §C.1, docs/contract.md §3.1): a window may recur — an RFC 5545
// RRULE on its local start in its own time zone, each occurrence `duration`
// (ISO 8601) long, `exdates` the local dates skipped. starts_at and ends_at
// stay the first occurrence's. A change of the rule or a skipped date changes
// what a calendar shows, so the revision counts it (issue #19's trigger).
// seed_id names a window the config seeded (the demo's nightly backup), once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('maintenance_windows')
    .addColumn('rrule', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('duration', 'text')
    .addColumn('exdates', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('seed_id', 'text', (c) => c.unique())
    .execute();
  await sql`alter table maintenance_windows add constraint maintenance_recurrence_whole check ((rrule is null) = (time_zone is null) and (rrule is null) = (duration is null) and (rrule is not null or cardinality(exdates) = 0))`.execute(db);
  await revisionCounting(db, sql`new.rrule, new.time_zone, new.duration, new.exdates`, sql`old.rrule, old.time_zone, old.duration, old.exdates`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await revisionCounting(db);
  await sql`alter table maintenance_windows drop constraint maintenance_recurrence_whole`.execute(db);
  await db.schema.alterTable('maintenance_windows').dropColumn('rrule').dropColumn('time_zone').dropColumn('duration').dropColumn('exdates').dropColumn('seed_id').execute();
}

/** Migration 2026-12-07T1500's function, comparing these columns too. */
async function revisionCounting(db: Kysely<unknown>, extraNew = sql`null`, extraOld = sql`null`): Promise<void> {
  await sql`create or replace function maintenance_revision() returns trigger language plpgsql as $$
begin
  if (new.starts_at, new.ends_at, new.title, new.description, new.kind, new.cancelled_at, ${extraNew}) is distinct from (old.starts_at, old.ends_at, old.title, old.description, old.kind, old.cancelled_at, ${extraOld}) then
    new.revision := old.revision + 1;
  else
    new.revision := old.revision;
  end if;
  return new;
end $$`.execute(db);
}
