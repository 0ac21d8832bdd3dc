import { resolve } from 'node:path';
import { migrateToLatest } from '../../db/migrate.ts';
import { openDatabase } from '../../db/open.ts';
import type { CliCommand } from '../command.ts';

/** `pnpm sla migrate [--dir DIR]`: brings DATABASE_URL, or the PGlite folder (default ./data), to the latest schema. */
export const command: CliCommand = {
  summary: 'apply database migrations (DATABASE_URL, or the PGlite folder --dir, default ./data)',
  async run(args, io) {
    const dirFlag = args.indexOf('--dir');
    const dir = dirFlag >= 0 ? args[dirFlag + 1] : './data';
    if (dir === undefined) {
      io.stderr('usage: sla migrate [--dir DIR]\n');
      return 2;
    }
    const url = io.env.DATABASE_URL;
    const opened = await openDatabase(url ? { url } : { dir: resolve(io.cwd, dir) });
    try {
      const applied = await migrateToLatest(opened.db);
      io.stdout(applied.length === 0 ? `${opened.where}: already up to date\n` : `${opened.where}: applied ${applied.join(', ')}\n`);
      return 0;
    } finally {
      await opened.close();
    }
  },
};
