import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { COMPONENT_STATUSES, type ComponentStatus } from '@sla/shared';

/**
 * The daemon's metric families on an injected registry (style.md), named by
 * the Prometheus conventions: one prefix, base units, `_total` on counters,
 * labels from bounded sets only. The metrics issue (#6) completes the set.
 */
/** Seconds: waits we want to see in the millisecond range and still bound at seconds. */
const SHORT_WAIT_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];

export interface MetricSources {
  /** Current status per component, read at scrape time so it is never stale. */
  componentStatuses: () => Array<[component: string, status: ComponentStatus]>;
  openOutages: () => Promise<Array<{ component: string; impact: string }>>;
}

export function createMetrics(sources: MetricSources, registry = new Registry()) {
  const m = {
    registry,
    probeSuccess: new Gauge({ name: 'sla_probe_success', help: 'Whether the last probe of the monitor succeeded (1) or not (0).', labelNames: ['monitor', 'kind'], registers: [registry] }),
    probeDuration: new Histogram({
      name: 'sla_probe_duration_seconds',
      help: 'Duration of probes.',
      labelNames: ['monitor', 'kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    probes: new Counter({ name: 'sla_probes_total', help: 'Probes by result state.', labelNames: ['monitor', 'state'], registers: [registry] }),
    componentStatus: new Gauge({
      name: 'sla_component_status',
      help: 'Component status as a one-hot state set over Statuspage values.',
      labelNames: ['component', 'status'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [component, status] of sources.componentStatuses())
          for (const s of COMPONENT_STATUSES) this.set({ component, status: s }, s === status ? 1 : 0);
      },
    }),
    openOutages: new Gauge({
      name: 'sla_open_outages',
      help: 'Outages currently open.',
      labelNames: ['component', 'impact'],
      registers: [registry],
      async collect() {
        const open = await sources.openOutages();
        this.reset();
        for (const o of open) this.inc({ component: o.component, impact: o.impact });
      },
    }),
    schedulerLag: new Histogram({
      name: 'sla_scheduler_lag_seconds',
      help: 'Delay between when a probe was due and when it started.',
      buckets: SHORT_WAIT_BUCKETS,
      registers: [registry],
    }),
    schedulerSkips: new Counter({ name: 'sla_scheduler_skipped_runs_total', help: 'Probe runs skipped because the previous one was still running or the scheduler fell behind.', registers: [registry] }),
    isolated: new Gauge({ name: 'sla_prober_isolated', help: 'Whether the prober believes it has lost its own network (1) and records unknown.', registers: [registry] }),
    dbWriteBatch: new Histogram({
      name: 'sla_db_write_batch_duration_seconds',
      help: 'Duration of batched probe-result writes.',
      buckets: SHORT_WAIT_BUCKETS,
      registers: [registry],
    }),
    configReloadSuccess: new Gauge({ name: 'sla_config_last_reload_successful', help: 'Whether the last config (re)load succeeded.', registers: [registry] }),
    configReloadTime: new Gauge({ name: 'sla_config_last_reload_success_timestamp_seconds', help: 'When the config was last loaded successfully.', registers: [registry] }),
    buildInfo: new Gauge({ name: 'sla_build_info', help: 'Build information; always 1.', labelNames: ['version', 'node_version'], registers: [registry] }),
  };
  // Process metrics of our own: prom-client's defaults fail promtool (toolchain.md, prometheus/client_js#283).
  new Gauge({ name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', registers: [registry], collect() { this.set(process.memoryUsage.rss()); } });
  new Gauge({ name: 'process_start_time_seconds', help: 'Start time of the process since the Unix epoch in seconds.', registers: [registry], collect() { this.set(Math.round(Date.now() / 1000 - process.uptime())); } });
  new Counter({
    name: 'process_cpu_seconds_total',
    help: 'Total user and system CPU time spent in seconds.',
    registers: [registry],
    collect() {
      const { user, system } = process.cpuUsage();
      this.reset();
      this.inc((user + system) / 1e6);
    },
  });
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
