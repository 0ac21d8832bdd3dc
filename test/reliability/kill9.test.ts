import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openDatabase } from '../../daemon/src/db/open.ts';
import { createScratchDatabase, testDatabaseKinds } from '../../daemon/src/db/testing.ts';
import { runDaemonToExit, spawnDaemon, waitFor, type DaemonProcess } from '../support/daemon-process.ts';
import { getJson } from '../support/http.ts';
import { switchableTarget } from '../support/switchable-target.ts';
import { seededRandom } from '../../shared/src/random/seeded.ts';

const KILLS = 21;
/** The kill after whose restart the target goes down, and the one after which it comes back. */
const DOWN_AT = 5;
const UP_AT = 15;
/** Issue #2: after this kill the daemon stays down for a while, so the restart must record the gap as unknown. */
const HELD_DOWN_AT = 10;
const HELD_DOWN_MS = 1_500;
/** On PGlite, while this life runs, a second process on the same folder must refuse, naming the holder. */
const SECOND_PROCESS_AT = 3;
const INTERVAL_MS = 500;
/** A probe's start may lag its schedule on a loaded 2-core machine. */
const SCHEDULING_SLACK_MS = 2_000;
const MAX_LIFE_MS = 2_000;
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261207);


interface ApiOutage { id: number; startedAt: string; endedAt: string | null }
const outages = async (d: DaemonProcess): Promise<ApiOutage[]> => (await getJson(`${d.url}/api/v1/outages`)).outages;

/**
 * Issue #12, reliability suite: kill -9 the daemon at seeded random moments
 * while its target is up, down and up again, restarting it each time on the
 * same data. However often it dies, the down period is one outage row with
 * the start of its first failed probe (docs/contract.md §1.1), never two open.
 * Issue #2's crash test lives here too: the time it was held down is an
 * `unknown` gap, and on PGlite a second process on its folder is refused.
 */
// The engines' loops run side by side (issue #13): each spends most of its time
// waiting for a daemon to start or for its moment of death.
describe.concurrent.each(testDatabaseKinds())('kill -9 loop on %s', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-kill9-'));
  const configFile = join(dir, 'sla.yaml');
  let target: Awaited<ReturnType<typeof switchableTarget>>;
  let env: Record<string, string | undefined>;
  let dropDatabase = async () => {};
  let daemon: DaemonProcess | undefined;

  beforeAll(async () => {
    target = await switchableTarget();
    writeFileSync(
      configFile,
      `components:\n  - { id: app, name: App, tier: core }\n` +
        `monitors:\n  - { id: app-http, component: app, kind: http, target: "${target.url}", interval: ${INTERVAL_MS}ms, timeout: 300ms }\n` +
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
    daemon?.child.kill('SIGKILL');
    await daemon?.exited;
    await target?.close();
    await dropDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`survives ${KILLS} kills through an outage: one row, its original start, never two open`, async ({ expect }) => {
    const random = seededRandom(SEED);
    const started = Date.now();
    let downAt = 0;
    let upAt = 0;
    let original: ApiOutage | undefined;
    let survived = 0;
    const heldDown = { from: 0, to: 0 };
    for (let kill = 0; kill < KILLS; kill++) {
      daemon = await spawnDaemon(['--config', configFile], env);
      await waitFor('/healthz answering', async () => ((await fetch(`${daemon!.url}/healthz`)).status > 0 ? true : undefined));
      const list = await outages(daemon);
      expect(list.filter((o) => o.endedAt === null).length, `open outages after restart ${kill}`).toBeLessThanOrEqual(1);
      expect(list.length, `outage rows after restart ${kill}: ${JSON.stringify(list)}`).toBeLessThanOrEqual(1);
      if (original) expect(list[0], `after restart ${kill}`).toMatchObject({ id: original.id, startedAt: original.startedAt });
      else expect(list, `no outage before the target went down (restart ${kill})`).toEqual([]);
      if (kill === DOWN_AT) {
        downAt = Date.now();
        target.setUp(false);
        // The kills that follow hit an outage that exists; its start is the first failed probe.
        [original] = await waitFor('the outage opened', async () => {
          const open = await outages(daemon!);
          return open.length === 1 ? open : undefined;
        });
      }
      if (kind === 'pglite' && kill === SECOND_PROCESS_AT) {
        const second = await runDaemonToExit(['--config', configFile], env);
        expect(second.code).toBe(1);
        expect(second.output).toContain(`is in use by process ${daemon.child.pid} on`);
      }
      if (kill === UP_AT) {
        upAt = Date.now();
        target.setUp(true);
      }
      await new Promise((r) => setTimeout(r, Math.floor(random() * MAX_LIFE_MS))); // the random moment of death
      daemon.child.kill('SIGKILL');
      expect(await daemon.exited).toBe('SIGKILL');
      survived += 1;
      if (kill === HELD_DOWN_AT) {
        heldDown.from = Date.now();
        await new Promise((r) => setTimeout(r, HELD_DOWN_MS)); // down for three intervals: not the restart itself
        heldDown.to = Date.now();
      }
    }

    daemon = await spawnDaemon(['--config', configFile], env);
    const [closed] = await waitFor('the outage closed', async () => {
      const list = await outages(daemon!);
      return list.length >= 1 && list.every((o) => o.endedAt !== null) ? list : undefined;
    }, 90_000);
    const final = await outages(daemon);
    console.log(`[reliability] kill -9 on ${kind}: seed ${SEED}, ${survived} kills survived, ${final.length} outage row(s), ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(final).toHaveLength(1);
    expect(closed).toMatchObject({ id: original!.id, startedAt: original!.startedAt });
    const start = Date.parse(closed!.startedAt);
    expect(start).toBeGreaterThanOrEqual(downAt - INTERVAL_MS);
    expect(start).toBeLessThanOrEqual(downAt + INTERVAL_MS + SCHEDULING_SLACK_MS);
    expect(Date.parse(closed!.endedAt!)).toBeGreaterThanOrEqual(upAt - INTERVAL_MS);
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
    daemon = undefined;
    const db = await openDatabase(kind === 'postgres' ? { url: env.DATABASE_URL! } : { dir: join(dir, 'data') });
    try {
      const gaps = await db.db.selectFrom('unknown_periods').selectAll().execute();
      expect(gaps.every((g) => g.monitor_id === 'app-http' && g.reason === 'daemon_down')).toBe(true);
      expect(gaps.some((g) => g.started_at.getTime() <= heldDown.from && g.ended_at.getTime() >= heldDown.to), JSON.stringify(gaps)).toBe(true);
      expect(await db.db.selectFrom('outages').select('id').execute()).toHaveLength(1);
    } finally {
      await db.close();
    }
  }, 900_000);
});
