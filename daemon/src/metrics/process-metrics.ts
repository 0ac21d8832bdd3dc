import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * The standard process_* families and a few nodejs_* ones, written here
 * because prom-client's defaults fail `promtool check metrics` (three gauges
 * named *_total, docs/conventions.md §9.3, prometheus/client_js#283). File descriptors
 * come from /proc and are left out where there is none.
 */
export function registerProcessMetrics(registry: Registry): { close: () => void } {
  const registers = [registry];
  new Counter({
    name: 'process_cpu_seconds_total',
    help: 'Total user and system CPU time spent in seconds.',
    registers,
    collect() {
      const { user, system } = process.cpuUsage();
      this.reset();
      this.inc((user + system) / 1e6);
    },
  });
  new Gauge({ name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', registers, collect() { this.set(process.memoryUsage.rss()); } });
  const startTime = Math.round((Date.now() - process.uptime() * 1000) / 1000);
  new Gauge({ name: 'process_start_time_seconds', help: 'Start time of the process since unix epoch in seconds.', registers, collect() { this.set(startTime); } });
  if (canRead('/proc/self/fd')) {
    new Gauge({ name: 'process_open_fds', help: 'Number of open file descriptors.', registers, collect() { this.set(readdirSync('/proc/self/fd').length); } });
    const max = maxFds();
    if (max !== undefined) new Gauge({ name: 'process_max_fds', help: 'Maximum number of open file descriptors.', registers, collect() { this.set(max); } });
  }
  new Gauge({ name: 'nodejs_heap_size_used_bytes', help: 'V8 heap in use, in bytes.', registers, collect() { this.set(process.memoryUsage().heapUsed); } });
  new Gauge({ name: 'nodejs_heap_size_total_bytes', help: 'V8 heap reserved, in bytes.', registers, collect() { this.set(process.memoryUsage().heapTotal); } });

  // Event-loop delay since the previous scrape: a blocked loop delays every probe's timing.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let lag = { p99: 0, max: 0, at: -Infinity };
  // Both gauges of one scrape read one sample, whichever is collected first.
  const sample = () => {
    const now = performance.now();
    if (now - lag.at > 100) {
      lag = delay.count > 0 ? { p99: delay.percentile(99) / 1e9, max: delay.max / 1e9, at: now } : { ...lag, at: now };
      delay.reset();
    }
    return lag;
  };
  new Gauge({ name: 'nodejs_eventloop_lag_p99_seconds', help: '99th percentile of the event-loop delay since the previous scrape.', registers, collect() { this.set(sample().p99); } });
  new Gauge({ name: 'nodejs_eventloop_lag_max_seconds', help: 'Longest event-loop delay since the previous scrape.', registers, collect() { this.set(sample().max); } });
  return { close: () => delay.disable() };
}

function canRead(dir: string): boolean {
  try {
    readdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

function maxFds(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) ? soft : undefined;
  } catch {
    return undefined;
  }
}
