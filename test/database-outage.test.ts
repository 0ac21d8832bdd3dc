import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../daemon/src/clock.ts';
import { startDaemon, type Daemon } from '../daemon/src/daemon.ts';
import { faultyDatabase, type Faults } from '../daemon/src/db/faulty-database.ts';
import type { OpenedDatabase } from '../daemon/src/db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../daemon/src/db/testing.ts';
import type { Logger } from '../daemon/src/logger.ts';
import { switchableTarget } from './support/switchable-target.ts';

const waitFor = async <T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

interface Health {
  status: string;
  database: boolean;
  reason?: string;
  lastProbeAgeSeconds: number | null;
}

/**
 * Issue #12: the database goes away while probing goes on. The daemon stays
 * up, /healthz says why and how old the last probe is (from the prober), the
 * log says so once, and what happened meanwhile is written once it is back.
 */
describe.each(testDatabaseKinds())('the database down under a running daemon, on %s', (kind) => {
  let opened: OpenedDatabase;
  let faults: Faults;
  let daemon: Daemon;
  let target: Awaited<ReturnType<typeof switchableTarget>>;
  const lines: string[] = [];
  const logger: Logger = { info: (m) => lines.push(`INFO ${m}`), warn: (m) => lines.push(`WARN ${m}`), error: (m) => lines.push(`ERROR ${m}`) };
  const health = async (): Promise<Health> => (await fetch(`${daemon.url}/healthz`)).json() as Promise<Health>;

  beforeAll(async () => {
    target = await switchableTarget();
    opened = await openTestDatabase(kind);
    const faulty = faultyDatabase(opened.db);
    faults = faulty.faults;
    const yaml =
      'components:\n  - { id: app, name: App, tier: core }\n' +
      `monitors:\n  - { id: app-http, component: app, kind: http, target: "${target.url}", interval: 100ms, timeout: 80ms }\n` +
      'detection: { failuresToOpen: 2, successesToClose: 2 }\n';
    const parsed = parseConfig(yaml, 'test.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    daemon = await startDaemon({ config: parsed.config, db: faulty.db, clock: systemClock, logger, port: 0, statusSite: false });
  });
  afterAll(async () => {
    faults.down = false;
    await daemon?.stop();
    await opened?.close();
    await target?.close();
  });

  it('says why it is unhealthy, keeps the probe age fresh, logs once, and writes the outage once the database is back', async () => {
    await waitFor('a first probe', async () => ((await health()).lastProbeAgeSeconds !== null ? true : undefined));
    // On a loaded machine the first probes of a starting daemon can time out (80 ms) and open an
    // outage of their own: the target must be seen up, with nothing open, before it goes down.
    await waitFor('no outage open', async () => ((await opened.db.selectFrom('outages').select('id').where('ended_at', 'is', null).execute()).length === 0 ? true : undefined));
    const downAt = Date.now();
    faults.down = true;
    target.setUp(false); // an outage opens while nothing can be written
    const unhealthy = await waitFor('/healthz to say the database is down', async () => {
      const h = await health();
      return h.status === 'unhealthy' && Date.now() - downAt > 1_000 ? h : undefined;
    });
    expect(unhealthy.database).toBe(false);
    expect(unhealthy.reason).toMatch(/^database unreachable since \d{4}-\d\d-\d\dT[\d:.]+Z$/);
    // Probing went on: the last probe is younger than the database's outage.
    expect(unhealthy.lastProbeAgeSeconds! * 1000).toBeLessThan(Date.now() - downAt);
    expect(lines.filter((l) => l.includes('probe pipeline failed'))).toEqual([]);
    expect(lines.filter((l) => l.includes('database unreachable')), lines.join('\n')).toHaveLength(1);

    faults.down = false;
    await waitFor('the log to say the database is back', () => (lines.some((l) => l.includes('database reachable again')) ? true : undefined));
    const outage = await waitFor('the outage to be written', async () => {
      const rows = await opened.db.selectFrom('outages').selectAll().where('component_id', '=', 'app').where('ended_at', 'is', null).execute();
      return rows[0];
    });
    expect(outage.started_at.getTime()).toBeLessThan(Date.now() - 500);
    expect(outage.started_at.getTime()).toBeGreaterThanOrEqual(downAt);
    expect((await health()).status).toBe('ok');
    expect(lines.filter((l) => l.includes('database unreachable'))).toHaveLength(1);
  }, 20_000);
});
