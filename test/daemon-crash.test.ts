import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { getJson } from './support/http.ts';
import { openDatabase } from '../daemon/src/db/open.ts';
import { createScratchDatabase, testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { runDaemonToExit, spawnDaemon, waitFor, type DaemonProcess } from './support/daemon-process.ts';
import { switchableTarget } from './support/switchable-target.ts';

interface ApiOutage { id: number; startedAt: string; endedAt: string | null; impact: string }
const outages = async (d: DaemonProcess): Promise<ApiOutage[]> => (await getJson(`${d.url}/api/v1/outages`)).outages;

/**
 * Issue #2: after kill -9 and a restart, an open outage continues as the same
 * row with its original start, the time the daemon was down is unknown, and
 * recovery closes that row.
 */
// The engines run side by side (issue #13): each mostly waits for a daemon to start.
describe.concurrent.each(testDatabaseKinds())('crash and restart on %s', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-crash-'));
  const configFile = join(dir, 'sla.yaml');
  let target: Awaited<ReturnType<typeof switchableTarget>>;
  let env: Record<string, string | undefined>;
  let dropDatabase = async () => {};

  beforeAll(async () => {
    target = await switchableTarget();
    writeFileSync(
      configFile,
      `components:\n  - { id: app, name: App, tier: core }\n` +
        `monitors:\n  - { id: app-http, component: app, kind: http, target: "${target.url}", interval: 250ms, timeout: 200ms }\n` +
        `detection: { failuresToOpen: 2, successesToClose: 2 }\n` +
        `database: { dir: "${join(dir, 'data')}" }\n`,
    );
    if (kind === 'postgres') {
      const scratch = await createScratchDatabase(process.env.DATABASE_URL!);
      dropDatabase = scratch.drop;
      env = { DATABASE_URL: scratch.url };
    } else env = { DATABASE_URL: undefined };
  });
  afterAll(async () => {
    await target?.close();
    await dropDatabase();
  });

  it('keeps the open outage across SIGKILL, records the gap as unknown, and closes it on recovery', async ({ expect }) => {
    let daemon = await spawnDaemon(['--config', configFile], env);
    target.setUp(false);
    const [opened] = await waitFor('an open outage', async () => {
      const list = await outages(daemon);
      return list.length === 1 && list[0]!.endedAt === null ? list : undefined;
    });
    if (kind === 'pglite') {
      // A second process on the same PGlite folder refuses, naming the holder.
      const second = await runDaemonToExit(['--config', configFile], env);
      expect(second.code).toBe(1);
      expect(second.output).toContain(`is in use by process ${daemon.child.pid} on`);
    }

    daemon.child.kill('SIGKILL');
    await daemon.exited;
    await new Promise((r) => setTimeout(r, 1_000)); // down for four intervals
    daemon = await spawnDaemon(['--config', configFile], env);
    const afterRestart = await outages(daemon);
    expect(afterRestart).toEqual([opened]);

    target.setUp(true);
    const [closed] = await waitFor('the outage closed', async () => {
      const list = await outages(daemon);
      return list[0]?.endedAt ? list : undefined;
    });
    expect(closed).toMatchObject({ id: opened!.id, startedAt: opened!.startedAt, impact: 'major_outage' });
    expect(Date.parse(closed!.endedAt!)).toBeGreaterThan(Date.parse(opened!.startedAt));

    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
    const db = await openDatabase(kind === 'postgres' ? { url: env.DATABASE_URL! } : { dir: join(dir, 'data') });
    try {
      const gaps = await db.db.selectFrom('unknown_periods').selectAll().execute();
      expect(gaps).toHaveLength(1);
      expect(gaps[0]).toMatchObject({ monitor_id: 'app-http', reason: 'daemon_down' });
      expect(gaps[0]!.ended_at.getTime() - gaps[0]!.started_at.getTime()).toBeGreaterThan(1_000);
      const rows = await db.db.selectFrom('outages').selectAll().execute();
      expect(rows).toHaveLength(1);
    } finally {
      await db.close();
    }
    // Two embedded-database starts and a kill: on a loaded 2-core machine PGlite alone can take 15 s to open.
  }, 180_000);
});
