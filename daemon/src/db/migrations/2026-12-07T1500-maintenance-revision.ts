import { type Kysely, sql } from 'kysely';

// Issue #19: iCalendar's SEQUENCE is a revision count of the event (RFC 5545
// §3.8.7.4). It counts changes of what the calendar shows (times, title,
// description, kind, cancellation), not notices recorded or other bookkeeping
// that moves updated_at. The database counts them, so every writer, present or
// future, raises it the same way.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('maintenance_windows').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`create function maintenance_revision() returns trigger language plpgsql as $$
begin
  if (new.starts_at, new.ends_at, new.title, new.description, new.kind, new.cancelled_at) is distinct from (old.starts_at, old.ends_at, old.title, old.description, old.kind, old.cancelled_at) then
    new.revision := old.revision + 1;
  else
    new.revision := old.revision;
  end if;
  return new;
end $$`.execute(db);
  await sql`create trigger maintenance_revision before update on maintenance_windows for each row execute function maintenance_revision()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger maintenance_revision on maintenance_windows`.execute(db);
  await sql`drop function maintenance_revision()`.execute(db);
  await db.schema.alterTable('maintenance_windows').dropColumn('revision').execute();
}
