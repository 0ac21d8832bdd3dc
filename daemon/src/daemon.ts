import { canariesOf, configWarnings, type Config, type Env } from '@sla/shared';
import { sql, type Kysely } from 'kysely';
import { syncCatalog } from './catalog/catalog.repository.ts';
import type { Clock } from './clock.ts';
import type { Database, Db } from './db/database.ts';
import { contractFromConfig } from './contracts/contract-config.ts';
import { windowFromConfig } from './maintenance/maintenance-config.ts';
import { seedWindows } from './maintenance/maintenance.repository.ts';
import { seedContracts } from './contracts/contract.repository.ts';
import { createDatabaseAvailability } from './db/availability.ts';
import { createTracker, type OutageChange, type TrackedMonitor } from './detection/tracker.ts';
import { soleLeader, type Leadership } from './leadership/leader.ts';
import { ledTracker } from './leadership/led-tracker.ts';
import { readQuorum } from './leadership/quorum-read.ts';
import { startQuorumSync } from './leadership/quorum-sync.ts';
import { createLedgerService } from './ledger/service.ts';
import { startCalendarJobs } from './jobs/calendar.ts';
import type { Logger } from './logger.ts';
import { createDaemonMetrics } from './metrics/daemon-metrics.ts';
import { ledgerMetricSource } from './metrics/ledger-source.ts';
import { maintenanceMetricSource } from './metrics/maintenance-source.ts';
import { outboxMetricSource } from './metrics/outbox-source.ts';
import { ticketMetricSource } from './metrics/ticket-source.ts';
import { countBreaches } from './breaches/breach.repository.ts';
import { createPublicReadModel } from './public/read-model.ts';
import { createProbers } from './probers/registry.ts';
import { createIsolationGuard } from './probing/isolation.ts';
import { createSuspectRecorder } from './suspects/suspect-recorder.ts';
import { monitorJob } from './probing/monitor-job.ts';
import { recordDaemonGap } from './results/daemon-gap.ts';
import { createResultWriter } from './results/result-writer.ts';
import { createScheduler, DAEMON_BATCH_MS } from './scheduler/scheduler.ts';
import { createApp } from './server/app.ts';
import { startMetricsListener } from './server/metrics-listener.ts';
import { listenShared } from './server/listen.ts';
import { nodeListener } from './server/node-listener.ts';
import { mountStatusSite } from './server/status-site.ts';
import { createOutboxBell } from './outbox/bell.ts';
import { OUTBOX_QUEUED_CHANNEL } from './outbox/outbox.repository.ts';
import { queueAlert } from './outbox/alerts.ts';
import { startOutbox } from './outbox/start.ts';

export interface DaemonOptions {
  config: Config;
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** Overrides config.server.port (the PORT variable); 0 picks a free port. */
  port?: number;
  /** Serve the status site (needs its build); tests of the API alone may skip it. */
  statusSite?: boolean;
  version?: string;
  /** Where secrets named in the config are read (monitors' `auth`, issue #14; notify.email's password, issue #15); default process.env, which the config was checked against. */
  env?: Env;
  /**
   * This daemon's location and whether it leads (issue #14): claimLocation on
   * PostgreSQL; default soleLeader(config.location), the only daemon (PGlite,
   * in-process tests). The daemon runs it and closes it at stop.
   */
  leadership?: Leadership;
  /** The outbox's safety-net poll (default OUTBOX_POLL_MS); what this daemon queues is tried at once whatever it is (issue #15). */
  outboxPollMs?: number;
}

export interface Daemon {
  url: string;
  /** Applies a validated new config; the caller has already refused an invalid one. */
  reload: (config: Config) => Promise<void>;
  /** Records a refused reload (config invalid): the running config stays. */
  reloadRefused: () => void;
  /** Graceful stop: no new probes, running ones aborted, buffered results written, server closed. */
  stop: () => Promise<void>;
}

/** Wires the probing daemon together; every dependency comes in through `o`. */
export async function startDaemon(o: DaemonOptions): Promise<Daemon> {
  const { db, clock, logger } = o;
  let config = o.config;
  const ledger = createLedgerService(db, () => config.policy, clock.now);
  // SLA §C.5: when an outage ends, the engine proposes what it owes (issue #4).
  // Off the probe path; a failure is logged and the next fact change retries.
  const recomputeAfterOutage = (componentId: string) =>
    void ledger.recomputeForComponents([componentId], 'engine').catch((error) => logger.error(`ledger recompute after an outage of ${componentId} failed`, error));
  const leadership = o.leadership ?? soleLeader(config.location);
  // Issue #14: only the leader writes outages; a follower's tracker reads the
  // stored states and follows its own results. Each role starts from the stored states.
  // Issue #15: the operators' alerts of an outage opened or closed are queued in the tracker's own transaction (one insert).
  const alertOutage = (tx: Db, c: OutageChange) => {
    const facts = { outageId: c.outageId, componentId: c.componentId, impact: c.impact, startedAt: c.startedAt.toISOString() };
    const at = new Date(clock.now());
    return c.kind === 'opened'
      ? queueAlert(tx, config.notify.alerts, 'outage.opened', c.outageId, facts, at)
      : queueAlert(tx, config.notify.alerts, 'outage.closed', c.outageId, { ...facts, endedAt: (c.endedAt ?? at).toISOString() }, at);
  };
  const leaderTracker = () =>
    createTracker(db, { onOutageEnded: recomputeAfterOutage, onOutageChange: alertOutage, onOutageCommitted: () => outboxBell.ring(), location: leadership.location, fence: leadership.fence, now: clock.now });
  const followerTracker = () => createTracker(db, { readOnly: true, location: leadership.location });
  const tracker = ledTracker(await followerTracker());
  // The status page's read side, one for the public routes and the metrics' uptime (issue #13).
  const publicRead = createPublicReadModel({ db, liveStatus: (id) => tracker.status(id), now: clock.now, policy: () => config.policy });
  const metrics = createDaemonMetrics({
    db,
    tracker,
    config: () => config,
    clock,
    logger,
    publicRead,
    version: o.version,
    ledger: ledgerMetricSource(db, ledger.judgements),
    maintenance: maintenanceMetricSource(db, ledger.judgements, clock.now, publicRead),
    quorum: () => readQuorum(db, leadership),
    tickets: ticketMetricSource(db, () => config.policy, clock.now),
    breaches: { counts: () => countBreaches(db) },
    outbox: outboxMetricSource(db),
  });
  const database = createDatabaseAvailability({ now: clock.now, logger });
  const probers = createProbers();
  const guard = createIsolationGuard(config.isolation.minMonitors);
  const writer = createResultWriter({
    db,
    location: leadership.location,
    onBatch: (_rows, seconds) => {
      metrics.dbWriteBatch.observe(seconds);
      database.succeeded();
    },
    onDropped: (rows) => metrics.resultsDropped.inc(rows),
    onError: (error) => database.failed(error), // kept and retried each second: logged once per outage of the database
  });
  let lastProbeAt: number | undefined;
  const scheduler = createScheduler({
    monotonic: clock.monotonic,
    concurrency: config.scheduler.concurrency,
    batchMs: DAEMON_BATCH_MS,
    onLag: (s) => metrics.schedulerLag.observe(s),
    onSkip: () => metrics.schedulerSkips.inc(),
    onError: (id, error) => logger.error(`monitor ${id}: probe pipeline failed`, error),
  });
  const background = new Set<Promise<void>>();
  const suspects = await createSuspectRecorder(db, () => leadership.leading());
  const deps = { probers, writer, tracker, guard, suspects, metrics, clock, database, background, env: o.env, onProbe: () => { lastProbeAt = clock.now(); } };

  const apply = async (next: Config) => {
    const now = clock.now();
    await syncCatalog(db, next, new Date(now));
    const seeded = await seedContracts(db, next.contracts.map(contractFromConfig));
    if (seeded.length > 0) await ledger.recompute(seeded, 'config');
    const windows = await seedWindows(db, next.maintenance.map(windowFromConfig), new Date(now));
    if (windows.length > 0) await ledger.recomputeForComponents([...new Set(windows.flatMap((w) => w.components))], 'config');
    const tracked: TrackedMonitor[] = next.monitors.map((m) => ({
      id: m.id,
      componentId: m.component,
      // Monitors without an override share the global thresholds: one object, not one per monitor (issue #7).
      thresholds: m.detection === undefined ? next.detection : { ...next.detection, ...stripUndefined(m.detection) },
    }));
    await tracker.setMonitors(tracked, now);
    guard.setMonitors(
      next.monitors.map((m) => ({ id: m.id, intervalMs: m.interval, timeoutMs: m.timeout })),
      canariesOf(next.isolation),
    );
    scheduler.setJobs(next.monitors.map((m) => monitorJob(m, deps)));
    config = next;
    for (const w of configWarnings(next)) logger.warn(`config: ${w.path}: ${w.message}`);
  };

  await recordDaemonGap(db, config.monitors.map((m) => ({ id: m.id, intervalMs: m.interval })), new Date(clock.now()));
  await apply(config);
  metrics.configReloadSuccess.set(1);
  metrics.configReloadTime.set(Math.floor(clock.now() / 1000));

  let running = false;
  // Issue #15: the routes ring it after a commit that queued messages; the leader's outbox answers.
  const outboxBell = createOutboxBell();
  // And so does a message another daemon of this PostgreSQL database queued: its commit NOTIFYs us.
  await leadership.listen(OUTBOX_QUEUED_CHANNEL, outboxBell.ring);
  // Known once the socket listens (port 0 picks one); no request is served before.
  let listeningUrl = '';
  const app = createApp({
    db,
    ledger,
    tracker,
    metrics,
    publicRead,
    config: () => config,
    now: clock.now,
    publicUrl: () => config.server.publicUrl ?? listeningUrl,
    logger,
    quorum: () => readQuorum(db, leadership),
    outboxBell,
    subscriptionKey: () => {
      const subscriptions = config.notify.subscriptions;
      return subscriptions === undefined ? undefined : (o.env ?? process.env)[subscriptions.secretEnv];
    },
    health: {
      location: leadership.location,
      leading: leadership.leading,
      database: async () => {
        try {
          await sql`select 1`.execute(db);
          database.succeeded();
          return true;
        } catch (error) {
          database.failed(error);
          return false;
        }
      },
      databaseDownSince: database.downSince,
      schedulerRunning: () => running,
      lastProbeAt: () => lastProbeAt,
    },
  });
  const onRender = (seconds: number, ok: boolean) => metrics.statusPageRender.observe({ outcome: ok ? 'ok' : 'failed' }, seconds);
  const site = o.statusSite !== false ? await mountStatusSite(app, { logger, onRender, identity: () => config.statusPage, subscriptions: () => config.notify.subscriptions !== undefined }) : undefined;

  const server = await listenShared(nodeListener(app.fetch, { hostname: config.server.host, before: site?.answerFromMemory }), o.port ?? config.server.port, config.server.host);
  const address = server.address;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address}:${address.port}`;
  listeningUrl = url;
  const metricsListener = config.metrics.listen === undefined ? undefined : await startMetricsListener({ listen: config.metrics.listen, metrics, settings: () => config.metrics, logError: logger.error });
  if (metricsListener !== undefined) logger.info(`metrics on ${metricsListener.url}`);
  scheduler.start();
  running = true;
  // The leader's duties (issue #14), started each time this daemon wins the lead and stopped when it loses it.
  let calendar: ReturnType<typeof startCalendarJobs> | undefined;
  let outbox: Awaited<ReturnType<typeof startOutbox>> | undefined;
  let stopping = false;
  const stopLeaderJobs = async () => {
    calendar?.stop();
    calendar = undefined;
    const o = outbox;
    outbox = undefined;
    await o?.stop();
  };
  // Issue #14: this location's isolation for the others, and their votes for
  // our tracker; read once before we may lead, so a new leader agrees with
  // the other locations from its first result.
  const quorum = startQuorumSync({
    db,
    tracker,
    leadership,
    // Only canaries' evidence takes a location out of the quorum: every monitor
    // failing at once is also what a total outage of the vendor looks like.
    isolated: () => canariesOf(config.isolation).length > 0 && guard.isolated(),
    now: clock.now,
    logger,
    onIsolated: (tx, location, at) => queueAlert(tx, config.notify.alerts, 'location.isolated', `${location}@${at}`, { location, at: new Date(at).toISOString() }, new Date(at)),
  });
  await quorum.tick().catch((error) => logger.warn(`location ${leadership.location}: first read of the other locations' votes failed: ${(error as Error).message}`));
  metrics.leader.set({ location: leadership.location }, 0);
  await leadership.run({
    start: async () => {
      await suspects.reload();
      // What the tracker could not write while it was not leading (the database
      // went away with our lock) is written first: the new tracker starts from it.
      await tracker.flush().catch((error) => logger.error('writing the transitions kept while not leading failed', error));
      await tracker.swap(await leaderTracker(), clock.now());
      // An outage that closed just before a crash (or the last leader's loss)
      // had no chance to be proposed: settle every contract's ledger once (reconciliation is idempotent).
      await ledger.recomputeForComponents('all', 'engine').catch((error) => logger.error('ledger recompute at start failed', error));
      calendar = startCalendarJobs(db, () => config.retention, clock.now, logger, () => ledger.recomputeForComponents('all', 'engine'), () => config.notify.alerts);
      outbox = await startOutbox({
        db,
        config: config.notify,
        now: clock.now,
        logger,
        env: o.env ?? process.env,
        bell: outboxBell,
        pollMs: o.outboxPollMs,
        // SLA §C.1: a delivered notice can make a window valid; recompute its contracts (retried by the next fact change if it fails).
        onNoticeRecorded: (components) => ledger.recomputeForComponents(components, 'outbox').catch((error) => logger.error('ledger recompute after a delivered notice failed', error)),
      });
      metrics.leader.set({ location: leadership.location }, 1);
    },
    stop: async () => {
      metrics.leader.set({ location: leadership.location }, 0);
      await stopLeaderJobs();
      // At the daemon's stop the leader's tracker stays: the probes in flight still write their transitions.
      if (!stopping) await tracker.swap(await followerTracker(), clock.now());
    },
  });
  logger.info(`serving on ${url} with ${config.monitors.length} monitors as location ${leadership.location}`);

  return {
    url,
    reload: async (next) => {
      if (next.server.port !== config.server.port || next.server.host !== config.server.host)
        logger.warn('server.port/host changed: takes effect at the next restart');
      if (next.metrics.listen !== config.metrics.listen) logger.warn('metrics.listen changed: takes effect at the next restart');
      await apply(next);
      metrics.configReloadSuccess.set(1);
      metrics.configReloadTime.set(Math.floor(clock.now() / 1000));
      logger.info(`config reloaded: ${next.monitors.length} monitors`);
    },
    reloadRefused: () => metrics.configReloadSuccess.set(0),
    stop: async () => {
      running = false;
      stopping = true;
      await stopLeaderJobs();
      await quorum.stop();
      await scheduler.stop();
      // Results still waiting for an isolation verdict are written as unknown, not dropped.
      guard.close();
      await Promise.all(background);
      await writer.close();
      // Last: the lead (and the location) is released once our last transition is written.
      await leadership.close();
      await probers.close();
      await site?.close(); // the page renderer's worker thread
      await metricsListener?.close();
      metrics.close();
      await server.close();
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
