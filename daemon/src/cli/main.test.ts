import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../db/lock.ts';
import { runCli } from './main.ts';

/**
 * Issue #12: `sla token create` while the daemon runs on the same PGlite
 * folder failed with a DataDirLockedError stack. Every command that opens the
 * database says in one line what to do instead, and exits 2.
 */
describe('sla commands against a PGlite folder the daemon holds', () => {
  it.each([
    ['token', 'create', '--role', 'viewer', '--name', 'ops-a'],
    ['migrate'],
  ])('sla %s … says who holds it and what to do, in one line, exit 2', async (...argv) => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-cli-'));
    const held = lockDataDir(dir); // as the running daemon does
    try {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli([...argv, '--dir', dir], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: dir });
      expect(code).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('').split('\n')).toEqual([
        `sla ${argv[0]}: the database folder ${dir} is held by process ${process.pid} (the running daemon?); stop it and run this again, or run the daemon and this command on PostgreSQL (DATABASE_URL)`,
        '',
      ]);
    } finally {
      held.release();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
