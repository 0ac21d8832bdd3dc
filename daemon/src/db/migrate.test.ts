import { sql } from 'kysely';
import type { Db } from './database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from './migrate.ts';
import { migrationProvider } from './migrations.ts';
import type { OpenedDatabase } from './open.ts';
import { openEmptyTestDatabase, openTestDatabase, testDatabaseKinds } from './testing.ts';

/** Every column of every table, with its type, default and nullability: the schema as the migrations leave it. */
const schema = async (db: Db) =>
  (
    await sql<Record<string, string>>`select table_name, column_name, data_type, column_default, is_nullable from information_schema.columns where table_schema = current_schema() order by table_name, column_name`.execute(db)
  ).rows;

/**
 * The migrations from an empty database on each engine (issue #13: every other
 * test file starts from a copy of a template migrated once per run, so this is
 * where they run from scratch), and the copy the other files get is the same
 * schema.
 */
describe.each(testDatabaseKinds())('migrations on %s', (kind) => {
  let empty: OpenedDatabase;
  let copy: OpenedDatabase;
  beforeAll(async () => {
    empty = await openEmptyTestDatabase(kind);
    copy = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await empty?.close();
    await copy?.close();
  });

  it("an empty database gets every migration, in order, once, and the schema every test file's copy has", async () => {
    expect(await schema(empty.db)).toEqual([]);
    const names = Object.keys(await migrationProvider.getMigrations()).sort();
    expect(await migrateToLatest(empty.db)).toEqual(names);
    expect(await migrateToLatest(empty.db)).toEqual([]);
    const migrated = await schema(empty.db);
    expect(migrated.length).toBeGreaterThan(0);
    expect(await schema(copy.db)).toEqual(migrated);
  });
});
