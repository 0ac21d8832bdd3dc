import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.ts';

const LOCK = 'sla-ledger.lock';
const dirs: string[] = [];
const children: ChildProcess[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Another process that takes the lock, says so, and holds it until killed. */
async function holdInChild(dir: string): Promise<ChildProcess> {
  const code = `import(${JSON.stringify(new URL('./lock.ts', import.meta.url).href)}).then((m) => { m.lockDataDir(${JSON.stringify(dir)}); process.stdout.write('locked\\n'); setInterval(() => {}, 1000); })`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8');
  while (!out.includes('locked')) {
    const [chunk] = (await Promise.race([once(child.stdout!, 'data'), once(child, 'exit').then(() => { throw new Error('the child exited before it locked'); })])) as [string];
    out += chunk;
  }
  return child;
}

// Issue #12: the kernel releases the lock when its holder dies, whatever the
// lock file says; PIDs are reused (PID 1 again after a restart in a container)
// and a zombie still answers kill(pid, 0).
describe('lockDataDir', () => {
  it('takes over a lock file left by a dead process, one naming our own PID, and a half-written one', () => {
    const dir = scratch();
    for (const content of [JSON.stringify({ pid: 999_999, host: hostname(), startedAt: '2026-01-01T00:00:00Z' }), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2026-01-01T00:00:00Z' }), '{"pi']) {
      writeFileSync(join(dir, LOCK), content);
      const lock = lockDataDir(dir);
      lock.release();
    }
  });

  it('refuses a live second process with a message naming the holder, even when the lock file is half-written, and lets one in once the holder is killed with -9', async () => {
    const dir = scratch();
    const child = await holdInChild(dir);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`^the database folder ${dir} is in use by process ${child.pid} on ${hostname()} \\(since [^)]+\\); stop that process or use another folder$`));
    writeFileSync(join(dir, LOCK), '{"pi'); // what a holder killed mid-write leaves
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    child.kill('SIGKILL');
    await once(child, 'exit');
    lockDataDir(dir).release();
  });

  it('refuses a second open of the folder in the same process', () => {
    const dir = scratch();
    const lock = lockDataDir(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    } finally {
      lock.release();
    }
    lockDataDir(dir).release();
  });
});
