import { execFileSync, execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { canPin, freePort, onCleanup } from './processes.ts';
import { processTree, treeCpuMs } from './proc.ts';

export interface BenchPostgres {
  url: string;
  /** CPU ms of the postmaster and every process it forked, reaped ones included. */
  cpuMs: () => number;
  stop: () => void;
}

/**
 * A PostgreSQL 15 cluster of the bench's own (.ci/start-postgres: fsync off,
 * thrown away after), so every postgres process we sum CPU over is ours and
 * not another engineer's test database. Pinned to `core` when given: backends
 * forked later inherit the postmaster's affinity.
 */
export async function startBenchPostgres(root: URL, core: number | undefined): Promise<BenchPostgres> {
  const port = await freePort();
  const script = new URL('.ci/start-postgres', root).pathname;
  const out = execFileSync(script, { env: { ...process.env, PG_PORT: String(port) }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const url = /DATABASE_URL=(\S+)/.exec(out)?.[1];
  const stopCommand = /PG_STOP='([^']+)'/.exec(out)?.[1];
  const dataDir = /-D (\S+)/.exec(stopCommand ?? '')?.[1];
  if (url === undefined || stopCommand === undefined || dataDir === undefined) throw new Error(`.ci/start-postgres said something unexpected:\n${out}`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    execSync(stopCommand, { stdio: 'ignore' });
  };
  onCleanup(stop);
  const postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  if (core !== undefined && canPin)
    for (const pid of processTree(postmaster)) execFileSync('/usr/bin/taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
  return { url, cpuMs: () => treeCpuMs(postmaster), stop };
}
