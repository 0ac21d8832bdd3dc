import { COMPONENT_STATUSES, IMPACTS, OUTAGE_CLASSES, type ComponentStatus, type Config, type OutageClass } from '@sla/shared';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from './metrics.ts';
import { registerBreachFamilies, type BreachMetricSource } from './breach-families.ts';
import { createCollectedFamilies, type Sample } from './collected.ts';
import { registerLedgerFamilies, type LedgerMetricSource } from './ledger-families.ts';
import type { QuorumView } from '../leadership/quorum-read.ts';
import { registerLocationFamilies } from './location-families.ts';
import { registerMaintenanceFamilies, type MaintenanceMetricSource } from './maintenance-families.ts';
import { registerOutboxFamilies, type OutboxMetricSource } from './outbox-families.ts';
import { registerTicketFamilies, type TicketMetricSource } from './ticket-families.ts';
import type { OpenOutage } from './outage-seconds.ts';
import { createProbeFamilies } from './probe-families.ts';
import { registerProcessMetrics } from './process-metrics.ts';
import { refreshed } from './refresh.ts';
import type { ComponentUptime } from './uptime.ts';

/** Seconds: waits we want to see in the millisecond range and still bound at seconds. */
const SHORT_WAIT_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];
/** Database-backed families are recomputed at most this often, off the scrape's path (refresh.ts). */
export const REFRESH_INTERVAL_MS = 30_000;
/**
 * The ledger's and maintenance windows' families: operators approve a credit
 * or announce a window and look at the dashboard, so these follow within a
 * second or two. Their reads are one grouped query over tables of thousands
 * of rows, and refresh.ts still stretches the interval to 10× a slow read.
 */
export const FACTS_REFRESH_INTERVAL_MS = 1_000;

export interface MetricSources {
  /** The running config, read at each scrape: reloads add and remove series. */
  config: () => Pick<Config, 'components' | 'monitors' | 'metrics'>;
  componentStatus: (componentId: string) => ComponentStatus;
  /** Read at every scrape (an index lookup), so an outage shows on the next scrape. */
  openOutages: () => Promise<OpenOutage[]>;
  outageSeconds: () => Promise<Array<{ component: string; class: OutageClass; seconds: number }>>;
  uptime: () => Promise<ComponentUptime[]>;
  /** Issue #4: credits, fines and excluded downtime; their families exist only once this is given. */
  ledger?: LedgerMetricSource;
  /** Issue #4: maintenance windows; their families exist only once this is given. */
  maintenance?: MaintenanceMetricSource;
  /** Issue #14: every location's votes; its families exist only once this is given. */
  quorum?: () => Promise<QuorumView>;
  /** Issue #16: ticket deadlines; the family exists only once this is given. */
  tickets?: TicketMetricSource;
  /** Issue #16: confidentiality breaches by state; the family exists only once this is given. */
  breaches?: BreachMetricSource;
  /** Issue #15: the outbox's messages; the family exists only once this is given. */
  outbox?: OutboxMetricSource;
}

export interface MetricOptions {
  now: () => number;
  monotonic: () => number;
  /** A database-backed family failed to refresh; its last values stay. */
  onError: (message: string, error: unknown) => void;
  registry?: Registry;
}

/**
 * The daemon's metric families on an injected registry (docs/conventions.md §4), named by
 * the Prometheus conventions: one prefix, base units, `_total` on counters,
 * labels from bounded sets only — components, monitors, kinds, reasons,
 * states, classes; never an outage, incident or request id, nor a customer.
 * ops/README.md lists them.
 */
/** The daemon's metrics, and what only the metrics layer touches: the registry and the build info daemon-metrics.ts sets. */
export interface RegistryMetrics extends Metrics {
  registry: Registry;
  buildInfo: Gauge<'version' | 'node_version'>;
}

export function createMetrics(sources: MetricSources, o: MetricOptions): RegistryMetrics {
  const registry = o.registry ?? new Registry();
  const registers = [registry];
  let closed = false;
  const cached = <T>(name: string, load: () => Promise<T>, minIntervalMs = REFRESH_INTERVAL_MS) => {
    // A read still running when the daemon stops meets a closed database: not worth a log line.
    const onError = (e: unknown) => void (closed || o.onError(`metrics: reading ${name} failed`, e));
    const value = refreshed(load, { minIntervalMs, monotonic: o.monotonic, onError });
    void value.get(); // load now, so the first scrape finds it ready
    return value.get;
  };
  const components = () => sources.config().components.map((c) => c.id);
  const probeFamilies = createProbeFamilies(() => sources.config().monitors);

  const isolated = new Gauge({ name: 'sla_prober_isolated', help: 'Whether the prober believes it has lost its own network (1) and records unknown.', registers });
  const failures = new Counter({ name: 'sla_probe_failures_total', help: 'Failed or degraded probes by monitor kind and reason.', labelNames: ['kind', 'reason'], registers });

  const collected = createCollectedFamilies();
  collected.gauge({
    name: 'sla_component_info',
    help: 'Components of the running config with their tier (core components earn credits); always 1.',
    labelNames: ['component', 'tier'],
    samples: () => sources.config().components.map((c): Sample<'component' | 'tier'> => [{ component: c.id, tier: c.tier }, 1]),
  });
  collected.gauge({
    name: 'sla_component_status',
    help: 'Component status as a one-hot state set over Statuspage values.',
    labelNames: ['component', 'status'],
    samples: () => components().flatMap((component) => {
      const current = sources.componentStatus(component);
      return COMPONENT_STATUSES.map((status): Sample<'component' | 'status'> => [{ component, status }, status === current ? 1 : 0]);
    }),
  });
  collected.gauge({
    name: 'sla_open_outages',
    help: 'Outages currently open, by component and impact (at most one per component).',
    labelNames: ['component', 'impact'],
    samples: async () => {
      const open = new Map((await sources.openOutages()).map((x) => [x.component, x.impact]));
      const ids = new Set([...components(), ...open.keys()]);
      return [...ids].flatMap((component) => IMPACTS.map((impact): Sample<'component' | 'impact'> => [{ component, impact }, open.get(component) === impact ? 1 : 0]));
    },
  });
  const outageSeconds = cached('outage seconds', sources.outageSeconds);
  collected.counter({
    name: 'sla_outage_seconds_total',
    help: 'Seconds of closed outages by component and class (very_critical: a core component fully down, SLA §C.5).',
    labelNames: ['component', 'class'],
    samples: async () => {
      const rows = await outageSeconds();
      if (rows === undefined) return undefined;
      const seconds = new Map(rows.map((r) => [`${r.component}\u0000${r.class}`, r.seconds]));
      return components().flatMap((component) => OUTAGE_CLASSES.map((cls): Sample<'component' | 'class'> => [{ component, class: cls }, seconds.get(`${component}\u0000${cls}`) ?? 0]));
    },
  });
  const uptime = cached('uptime', sources.uptime);
  collected.gauge({
    name: 'sla_uptime_ratio',
    help: 'Share of the observed time the component was available in the last 24h/7d/30d/90d, by the status page rule: partial or major outage is downtime; valid maintenance, approved force majeure and unwatched time are left out (recomputed at most every 30 s).',
    labelNames: ['component', 'window'],
    samples: async () => {
      const known = new Set(components());
      return (await uptime())?.filter((u) => known.has(u.component)).map((u): Sample<'component' | 'window'> => [{ component: u.component, window: u.window }, u.ratio]);
    },
  });

  if (sources.ledger !== undefined) {
    registerLedgerFamilies(collected, {
      totals: cached('ledger totals', sources.ledger.totals, FACTS_REFRESH_INTERVAL_MS),
      excludedDowntime: cached('excluded downtime', sources.ledger.excludedDowntime, FACTS_REFRESH_INTERVAL_MS),
      components,
      perContractMoney: () => sources.config().metrics.perContractMoney,
    });
  }
  if (sources.maintenance !== undefined) {
    registerMaintenanceFamilies(collected, { windows: cached('maintenance windows', sources.maintenance.windows, FACTS_REFRESH_INTERVAL_MS), openOutages: sources.openOutages, components, now: o.now });
  }
  if (sources.tickets !== undefined) registerTicketFamilies(collected, { counts: cached('ticket deadlines', sources.tickets.counts, FACTS_REFRESH_INTERVAL_MS) });
  if (sources.breaches !== undefined) registerBreachFamilies(collected, { counts: cached('breaches', sources.breaches.counts, FACTS_REFRESH_INTERVAL_MS) });
  if (sources.outbox !== undefined) registerOutboxFamilies(collected, { counts: cached('outbox messages', sources.outbox.counts, FACTS_REFRESH_INTERVAL_MS) });

  if (sources.quorum !== undefined)
    registerLocationFamilies(collected, { quorum: cached('locations', sources.quorum, FACTS_REFRESH_INTERVAL_MS), monitors: () => sources.config().monitors.map((m) => m.id) });

  const processMetrics = registerProcessMetrics(registry);
  /** The families read or counted as a whole first (async), then the per-monitor ones, made as they are taken. */
  const streamParts = async (): Promise<Iterable<string>> => {
    const [counted, read] = await Promise.all([registry.metrics(), collected.render()]);
    const head = [counted.trimEnd(), read].filter((t) => t !== '');
    return (function* () {
      yield* head;
      for (const part of probeFamilies.streamParts()) if (part !== '') yield part;
    })();
  };
  const renderParts = async (): Promise<string[]> => [...(await streamParts())];
  return {
    registry,
    contentType: registry.contentType,
    /**
     * Everything in the text format, as parts to write one after the other
     * with a newline after each: prom-client's families (counted as things
     * happen), those read at scrape time (collected.ts), then the per-monitor
     * ones (probe-families.ts).
     */
    renderParts,
    streamParts,
    render: async () => `${(await renderParts()).join('\n')}\n`,
    recordProbe(monitor, result, recorded) {
      isolated.set(recorded === 'unknown' ? 1 : 0);
      if (result.failure !== undefined) failures.inc({ kind: monitor.kind, reason: result.failure.kind });
      probeFamilies.record(monitor, result, recorded);
    },
    schedulerLag: new Histogram({ name: 'sla_scheduler_lag_seconds', help: 'Delay between when a probe was due and when it started.', buckets: SHORT_WAIT_BUCKETS, registers }),
    schedulerSkips: new Counter({ name: 'sla_scheduler_skipped_runs_total', help: 'Probe runs skipped because the previous one was still running or the scheduler fell behind.', registers }),
    // Issue #5: under a crowd a render waits for the core (the renderer runs at nice 10), so its wall time says how stale the page can get.
    statusPageRender: new Histogram({ name: 'sla_status_page_render_duration_seconds', help: 'Wall time of status-page renders into the page cache, by outcome (ok; failed: threw or answered 5xx).', labelNames: ['outcome'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers }),
    dbWriteBatch: new Histogram({ name: 'sla_db_write_batch_duration_seconds', help: 'Duration of batched probe-result writes.', buckets: SHORT_WAIT_BUCKETS, registers }),
    // Issue #12: the writer keeps at most a million results while the database is away; past that the oldest go, and this says how many.
    resultsDropped: new Counter({ name: 'sla_results_dropped_total', help: 'Probe results dropped unwritten because the buffer was full while the database was unreachable.', registers }),
    configReloadSuccess: new Gauge({ name: 'sla_config_last_reload_successful', help: 'Whether the last config (re)load succeeded.', registers }),
    configReloadTime: new Gauge({ name: 'sla_config_last_reload_success_timestamp_seconds', help: 'When the config was last loaded successfully.', registers }),
    leader: new Gauge({ name: 'sla_leader', help: 'Whether this daemon leads its database (detection, ledger, calendar jobs, outbox), by its probing location.', labelNames: ['location'], registers }),
    buildInfo: new Gauge({ name: 'sla_build_info', help: 'Build information; always 1.', labelNames: ['version', 'node_version'], registers }),
    close: () => {
      closed = true;
      processMetrics.close();
    },
  };
}
