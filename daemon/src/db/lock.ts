import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { tryLock } from 'fs-native-extensions';

/** Thrown when another live process holds the data folder. */
export class DataDirLockedError extends Error {
  readonly dir: string;
  /** The holder as its lock file names it, when the file says. */
  readonly holder: LockHolder | undefined;
  constructor(dir: string, holder: LockHolder | undefined) {
    const who = holder === undefined ? 'another process' : `process ${holder.pid} on ${holder.host} (since ${holder.startedAt})`;
    super(`the database folder ${dir} is in use by ${who}; stop that process or use another folder`);
    this.name = 'DataDirLockedError';
    this.dir = dir;
    this.holder = holder;
  }
}

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

export interface DirLock {
  release: () => void;
}

/**
 * PGlite takes no lock of its own: two processes on one folder corrupt it
 * (docs/conventions.md §9.2). Issue #12: the lock is an OS lock on `sla-ledger.lock`
 * (fcntl F_OFD_SETLK on Linux, flock elsewhere, through fs-native-extensions),
 * which the kernel drops when its holder dies, however it dies. The old lock
 * file with a PID checked by kill(pid, 0) took a zombie, a reused PID or our
 * own PID (PID 1 again after a container restart) for a live holder, and
 * deleting a half-written file let two processes in. The file's content only
 * names the holder for the message; the file is never deleted, so everyone
 * locks the same inode.
 */
export function lockDataDir(dir: string): DirLock {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'sla-ledger.lock');
  const fd = openSync(file, 'a+');
  let locked = false;
  try {
    locked = tryLock(fd);
    if (!locked) throw new DataDirLockedError(dir, readHolder(file));
    const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    ftruncateSync(fd);
    writeSync(fd, JSON.stringify(me), 0);
  } catch (error) {
    closeSync(fd); // releases the lock if it was taken
    throw error;
  }
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      closeSync(fd);
    },
  };
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof holder === 'object' && holder !== null && 'pid' in holder ? (holder as LockHolder) : undefined;
  } catch {
    return undefined; // being written, or left half-written by a holder killed mid-write
  }
}
