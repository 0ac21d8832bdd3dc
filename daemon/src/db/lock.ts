import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Thrown when another live process holds the data folder. */
export class DataDirLockedError extends Error {
  constructor(dir: string, holder: string) {
    super(`the database folder ${dir} is in use by ${holder}; stop that process or use another folder`);
    this.name = 'DataDirLockedError';
  }
}

export interface DirLock {
  release: () => void;
}

// PGlite takes no lock of its own: two processes on one folder corrupt it
// (toolchain.md). A lock file naming its holder, taken with O_EXCL; a lock left
// by a dead process on this host (kill -9) is taken over.
export function lockDataDir(dir: string): DirLock {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'sla-ledger.lock');
  const me = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder !== undefined && (holder.host !== me.host || isAlive(holder.pid)))
        throw new DataDirLockedError(dir, `process ${holder.pid} on ${holder.host} (since ${holder.startedAt})`);
      rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(dir, 'another process (the lock file keeps reappearing)');
}

function readHolder(file: string): { pid: number; host: string; startedAt: string } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // half-written by a process killed mid-write: stale
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
