import { Migrator } from 'kysely/migration';
import type { Db } from './database.ts';
import { migrationProvider } from './migrations.ts';

export class MigrationError extends Error {
  constructor(name: string, cause: unknown) {
    super(`migration ${name} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

/** Brings the schema to the latest migration; returns the names applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName ?? '(unknown)', error);
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
