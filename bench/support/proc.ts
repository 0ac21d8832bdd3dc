import { readdirSync, readFileSync } from 'node:fs';

// What the kernel says about processes and cores: CPU from /proc/<pid>/stat
// (utime + stime, in clock ticks), RSS from /proc/<pid>/status. Benches read
// these for processes they do not own (nginx, PostgreSQL, Prometheus), so the
// same ruler measures the daemon and its peers.

/** USER_HZ: 100 on every Linux the benches run on (sysconf(_SC_CLK_TCK)). */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds (user + system) a process has used so far; undefined once it is gone. */
export function cpuMs(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields === undefined ? undefined : ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Fields after "(comm)", 0-based from state (field 3): utime is [11], stime [12], cutime [13], cstime [14]. */
function statFields(pid: number): string[] | undefined {
  const stat = readOr(`/proc/${pid}/stat`);
  return stat === undefined ? undefined : stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Sum over a set of processes; those that exited in between count as 0. */
export function cpuMsOf(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (cpuMs(pid) ?? 0), 0);
}

/**
 * CPU ms of a process tree including the children it has already reaped
 * (cutime + cstime): PostgreSQL backends come and go, and one that exits in
 * the middle of a window still counts, exactly once.
 */
export function treeCpuMs(root: number): number {
  let ms = 0;
  for (const pid of processTree(root)) {
    const fields = statFields(pid);
    if (fields !== undefined) ms += ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  }
  return ms;
}

/** Resident set size in MB (VmRSS). */
export function rssMb(pid: number): number | undefined {
  const kb = /VmRSS:\s+(\d+)/.exec(readOr(`/proc/${pid}/status`) ?? '')?.[1];
  return kb === undefined ? undefined : Number(kb) / 1024;
}

/** The process and all its descendants alive now (PostgreSQL forks a backend per connection). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(Number(name));
    if (fields === undefined) continue;
    const ppid = Number(fields[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}

/** Busy and total ticks of one core since boot, from /proc/stat. */
export function coreTicks(core: number): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith(`cpu${core} `));
  if (line === undefined) return { busy: 0, total: 0 };
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy, total: busy + idle! + iowait! };
}

/** Busy milliseconds of one core since boot (ticks → ms). */
export function coreBusyMs(core: number): number {
  return (coreTicks(core).busy * 1000) / TICKS_PER_SECOND;
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function readOr(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
