import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../daemon/src/db/open.ts';
import { createScratchDatabase } from '../daemon/src/db/testing.ts';
import { spawnDaemon, waitFor, type DaemonProcess } from './support/daemon-process.ts';
import { getJson } from './support/http.ts';
import { operator, type Operator } from './support/operator-client.ts';
import { networkNamespace, netnsAvailable, tcpForward } from './support/netns.ts';
import { switchableTarget } from './support/switchable-target.ts';

// Issue #14: three daemons, three locations, one PostgreSQL. Outages follow
// what a quorum of the counted locations agree on (docs/architecture.md, "Quorum").
const INTERVAL_MS = 1_000;
/** A probe's start, or a follower's next try for the lead, may lag on a loaded 2-core machine (as in kill9.test.ts). */
const SCHEDULING_SLACK_MS = 2_000;
const CLOSED = 'http://127.0.0.1:1/'; // refused: what a location cut off from the network sees of everything

interface Vote { location: string; state: string; since: string; counted: boolean }
interface LocationsView { locations: Array<{ location: string; alive: boolean; isolated: boolean; counted: boolean }>; monitors: Array<{ monitor: string; votes: Vote[] }> }

const adminUrl = process.env.DATABASE_URL;
const dirs: string[] = [];
const running: DaemonProcess[] = [];
/** What a test set up outside the daemons (a network namespace, a forwarder), undone after it. */
const cleanups: Array<() => Promise<void>> = [];
let vendor: Awaited<ReturnType<typeof switchableTarget>>;
let lonely: Awaited<ReturnType<typeof switchableTarget>>;
let canary: Awaited<ReturnType<typeof switchableTarget>>;

/** One location's config: where it reaches the vendor's app and its canary from. */
function configFile(o: { target?: string; canary?: string; quorum?: number } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sla-quorum-'));
  dirs.push(dir);
  const file = join(dir, 'sla.yaml');
  writeFileSync(
    file,
    `components:\n  - { id: app, name: App, tier: core }\n  - { id: net, name: Net, tier: feature }\n` +
      `monitors:\n  - { id: app-http, component: app, kind: http, target: "${o.target ?? vendor.url}", interval: ${INTERVAL_MS}ms, timeout: 300ms }\n` +
      `  - { id: canary, component: net, kind: http, target: "${o.canary ?? canary.url}", interval: ${INTERVAL_MS}ms, timeout: 300ms }\n` +
      `isolation: { canary: canary }\n` +
      `detection: { failuresToOpen: 2, successesToClose: 2${o.quorum === undefined ? '' : `, quorum: ${o.quorum}`} }\n` +
      `database: { dir: "${join(dir, 'data')}" }\n`,
  );
  return file;
}

beforeAll(async () => {
  [vendor, lonely, canary] = await Promise.all([switchableTarget(), switchableTarget(), switchableTarget()]);
});
afterAll(async () => {
  await Promise.all([vendor?.close(), lonely?.close(), canary?.close()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(adminUrl === undefined)(`three locations on one PostgreSQL agree (issue #14)${adminUrl === undefined ? ' — skipped: DATABASE_URL is unset' : ''}`, () => {
  let url: string;
  let drop = async () => {};
  let opened: OpenedDatabase;
  let ops: Operator;
  let daemons: Record<string, DaemonProcess>;
  let files: Record<string, string>;

  beforeEach(async () => {
    ({ url, drop } = await createScratchDatabase(adminUrl!));
    vendor.setUp(true);
    lonely.setUp(true);
    canary.setUp(true);
  });
  afterEach(async () => {
    for (const d of running.splice(0)) {
      d.child.kill('SIGKILL');
      await d.exited;
    }
    for (const undo of cleanups.splice(0)) await undo();
    await opened?.close();
    await drop();
  });

  const start = async (location: string, o: { databaseUrl?: string; prefix?: string[] } = {}) => {
    const d = await spawnDaemon(['--config', files[location]!], { DATABASE_URL: o.databaseUrl ?? url, SLA_LOCATION: location }, o.prefix);
    running.push(d);
    daemons[location] = d;
    return d;
  };
  /** Starts hanoi (it leads: first on the database), then saigon and danang. */
  const startAll = async (configs: Record<string, string>) => {
    files = configs;
    daemons = {};
    await start('hanoi');
    await Promise.all([start('saigon'), start('danang')]);
    opened = await openDatabase({ url });
    ops = await operator(opened.db, daemons.hanoi!.url, 'quorum-test', 'viewer');
  };
  const leaderOf = async () => {
    for (const d of Object.values(daemons)) if ((await getJson(`${d.url}/healthz`).catch(() => ({}))).leading === true) return d;
    return undefined;
  };
  /** Any daemon answers it alike; hanoi's, whichever process is hanoi now. */
  const view = async (): Promise<LocationsView> => {
    const response = await fetch(`${daemons.hanoi!.url}/api/v1/locations`, { headers: { authorization: `Bearer ${ops.token}` } });
    if (response.status !== 200) throw new Error(`locations: ${response.status}`);
    return response.json() as Promise<LocationsView>;
  };
  const votesOn = async (monitor: string) => (await view()).monitors.find((m) => m.monitor === monitor)?.votes ?? [];
  const outageRows = () => opened.db.selectFrom('outages').selectAll().where('component_id', '=', 'app').orderBy('id').execute();
  const resultsOf = async (location: string) =>
    Number((await opened.db.selectFrom('probe_results').select((eb) => eb.fn.countAll().as('n')).where('location', '=', location).where('monitor_id', '=', 'app-http').executeTakeFirst())?.n ?? 0);
  /** /metrics reads the votes at most every second: wait for the scrape that shows `line`. */
  const scraped = (d: DaemonProcess, line: string) => waitFor(`/metrics shows ${line}`, async () => ((await (await fetch(`${d.url}/metrics`)).text()).includes(line) ? true : undefined), 10_000);
  const allVoting = async () =>
    waitFor('three locations alive, counted and voting', async () => {
      const v = await view();
      return v.locations.filter((l) => l.counted).length === 3 && (await votesOn('app-http')).length === 3 ? v : undefined;
    });

  it('all three see it down: one outage from the earliest streak; it survives ten kill -9s of the leader and closes once, at a recovery that took it below quorum', async () => {
    await startAll({ hanoi: configFile(), saigon: configFile(), danang: configFile() });
    await allVoting();
    vendor.setUp(false);
    const open = await waitFor('the outage opened', async () => {
      const rows = await outageRows();
      return rows.length === 1 ? rows[0] : undefined;
    });
    // The start is the earliest first failed probe among the streaks that formed the quorum.
    const downVotes = await waitFor('every location confirmed it', async () => {
      const votes = await votesOn('app-http');
      return votes.every((v) => v.state === 'down') ? votes : undefined;
    });
    const earliest = Math.min(...downVotes.map((v) => Date.parse(v.since)));
    const quorumFormedBy = downVotes.map((v) => Date.parse(v.since)).sort((a, b) => a - b);
    expect(open!.started_at.getTime()).toBe(earliest);
    expect(open!.started_at.getTime()).toBeLessThanOrEqual(quorumFormedBy[1]!);

    for (let kill = 0; kill < 10; kill++) {
      const leader = (await leaderOf())!;
      const location = Object.entries(daemons).find(([, d]) => d === leader)![0];
      leader.child.kill('SIGKILL');
      const killedAt = Date.now();
      expect(await leader.exited).toBe('SIGKILL');
      const next = await waitFor(`a new leader after kill ${kill}`, leaderOf, 30_000);
      const takeoverMs = Date.now() - killedAt;
      expect(takeoverMs, `kill ${kill}: led ${takeoverMs} ms after`).toBeLessThanOrEqual(INTERVAL_MS + SCHEDULING_SLACK_MS);
      expect(next).not.toBe(leader);
      // The dead location's votes stop counting; the two left still agree it is down.
      expect((await outageRows()).map((o) => [o.id, o.started_at.getTime(), o.ended_at])).toEqual([[open!.id, open!.started_at.getTime(), null]]);
      await start(location);
    }

    vendor.setUp(true);
    const closed = await waitFor('the outage closed', async () => {
      const rows = await outageRows();
      return rows.length >= 1 && rows.every((o) => o.ended_at !== null) ? rows : undefined;
    });
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ id: open!.id, started_at: open!.started_at });
    // Closed at the second recovery of three (quorum 2): the first left two locations failing.
    const upVotes = await waitFor('every location recovered', async () => {
      const votes = await votesOn('app-http');
      return votes.every((v) => v.state === 'up') ? votes : undefined;
    });
    // A recovery is dated from its streak's first good probe, known only once the streak confirms
    // it: the leader closes on the recoveries it knows, so the end is the second recovery or,
    // when a location's earlier-dated one came in after, the third — never before the second.
    const recoveries = upVotes.map((v) => Date.parse(v.since)).sort((a, b) => a - b);
    expect(recoveries.slice(1)).toContain(closed[0]!.ended_at!.getTime());
  }, 240_000);

  it('seen down from one location only, the leader’s own: below quorum, no outage, shown as that location’s failure', async () => {
    // On one vantage point (before issue #14's quorum) the leader's own view was the outage.
    await startAll({ hanoi: configFile({ target: lonely.url }), saigon: configFile(), danang: configFile() });
    await allVoting();
    expect(await leaderOf()).toBe(daemons.hanoi);
    lonely.setUp(false);
    await waitFor('hanoi votes down', async () => ((await votesOn('app-http')).find((v) => v.location === 'hanoi')?.state === 'down' ? true : undefined));
    // The leader reads the others' votes every second; two more probes of each other location span it.
    const [s, d] = [await resultsOf('saigon'), await resultsOf('danang')];
    await waitFor('two more probes from saigon and danang', async () => ((await resultsOf('saigon')) >= s + 2 && (await resultsOf('danang')) >= d + 2 ? true : undefined));
    expect(await outageRows()).toEqual([]);
    await scraped(daemons.hanoi!, 'sla_location_monitor_state{location="hanoi",monitor="app-http",state="down"} 1');
    await scraped(daemons.hanoi!, 'sla_location_monitor_state{location="saigon",monitor="app-http",state="up"} 1');
    await scraped(daemons.hanoi!, 'sla_component_status{component="app",status="operational"} 1');
    expect(await outageRows()).toEqual([]);
  }, 120_000);

  // Issue #14: the cut is real where this machine lets us make network namespaces (CI's container does):
  // danang runs inside one and, once voting, loses its route to the vendor and the canary — not to the
  // database. Elsewhere it is simulated: danang restarts with every target an address that refuses.
  const realCut = netnsAvailable();
  it(`a location cut off (its canary and the target unreachable${realCut ? ', its network namespace losing the route' : ', simulated by its config: no network namespaces here'}) is isolated and not counted: the other two keep the quorum of all three`, async () => {
    // quorum 3: every location must agree, so only leaving the isolated one out lets the outage open.
    if (realCut) {
      const ns = networkNamespace();
      const database = new URL(url);
      const forward = await tcpForward(ns.hostIp, { host: database.hostname, port: Number(database.port) });
      cleanups.push(async () => {
        await forward.close();
        ns.close();
      });
      const throughNs = new URL(url);
      throughNs.hostname = ns.hostIp;
      throughNs.port = String(forward.port);
      files = { hanoi: configFile({ quorum: 3 }), saigon: configFile({ quorum: 3 }), danang: configFile({ quorum: 3, target: await vendor.alsoOn(ns.serviceIp), canary: await canary.alsoOn(ns.serviceIp) }) };
      daemons = {};
      await start('hanoi');
      await Promise.all([start('saigon'), start('danang', { databaseUrl: throughNs.toString(), prefix: ns.exec })]);
      opened = await openDatabase({ url });
      ops = await operator(opened.db, daemons.hanoi!.url, 'quorum-test', 'viewer');
      await allVoting();
      ns.cut();
    } else {
      await startAll({ hanoi: configFile({ quorum: 3 }), saigon: configFile({ quorum: 3 }), danang: configFile({ quorum: 3 }) });
      await allVoting();
      daemons.danang!.child.kill('SIGKILL');
      await daemons.danang!.exited;
      files.danang = configFile({ quorum: 3, target: CLOSED, canary: CLOSED });
      await start('danang');
    }
    await waitFor('danang isolated', async () => ((await view()).locations.find((l) => l.location === 'danang')?.isolated === true ? true : undefined));
    expect((await view()).locations.find((l) => l.location === 'danang')).toMatchObject({ alive: true, isolated: true, counted: false });
    await scraped(daemons.hanoi!, 'sla_location_isolated{location="danang"} 1');
    expect(await outageRows()).toEqual([]);
    // Its stored vote is unknown-frozen up; left out, hanoi and saigon are all that count.
    vendor.setUp(false);
    const open = await waitFor('the outage opened on two of two counted', async () => {
      const rows = await outageRows();
      return rows.length === 1 ? rows[0] : undefined;
    });
    expect(open!.ended_at).toBeNull();
  }, 120_000);
});
