import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@sla/shared';
import type { KyselyPlugin, QueryId, RootOperationNode, UnknownRow, QueryResult } from 'kysely';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { dropVotesExcept, saveVotes, type StoredVote } from '../detection/location-vote.repository.ts';
import { createTracker, type TrackedMonitor } from '../detection/tracker.ts';
import { listOutages } from '../outages/outage.repository.ts';
import type { Logger } from '../logger.ts';
import { soleLeader, type Leadership } from './leader.ts';
import { startQuorumSync } from './quorum-sync.ts';
import { queueAlert } from '../outbox/alerts.ts';
import { listMessages } from '../outbox/outbox.repository.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const at = (s: number) => T0 + s * 1000;
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const config = parseConfig(
  `
components:
  - { id: api, name: API, tier: core }
monitors:
  - { id: api-a, component: api, kind: tcp, target: "127.0.0.1:3" }
  - { id: api-b, component: api, kind: tcp, target: "127.0.0.1:4" }
`,
  'test.yaml',
);
if (!config.ok) throw new Error('test config invalid');
const monitors: TrackedMonitor[] = config.config.monitors.map((m) => ({ id: m.id, componentId: m.component, thresholds: { failuresToOpen: 2, successesToClose: 2 } }));
const vote = (location: string, monitorId: string, confirmed: 'up' | 'down', since: number): StoredVote =>
  ({ location, monitorId, confirmed, since, ...(confirmed === 'down' ? { failure: { kind: 'refused', message: 'connection refused' } } : {}) });

/** Counts the vote rows the database hands back: what the sync reads each second (issue #14). */
function voteRowsRead(): { plugin: KyselyPlugin; rows: () => number } {
  const votes = new WeakSet<QueryId>();
  let rows = 0;
  return {
    rows: () => rows,
    plugin: {
      transformQuery: ({ node, queryId }: { node: RootOperationNode; queryId: QueryId }) => {
        if (node.kind === 'SelectQueryNode' && JSON.stringify(node.from).includes('location_monitor_states')) votes.add(queryId);
        return node;
      },
      transformResult: async ({ result, queryId }: { result: QueryResult<UnknownRow>; queryId: QueryId }) => {
        if (votes.has(queryId)) rows += result.rows.length;
        return result;
      },
    },
  };
}

describe.each(testDatabaseKinds())('quorum sync on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await syncCatalog(opened.db, config.config, new Date(T0));
  });
  afterAll(() => opened?.close());

  // Three locations on one database; hanoi's daemon leads and runs the sync (one for the whole file, as
  // in a daemon). Their liveness is PostgreSQL's advisory locks in production (leader.test.ts): here
  // every location is alive.
  let now = at(10);
  let s: Awaited<ReturnType<typeof startSync>>;
  const startSync = async () => {
    const counter = voteRowsRead();
    const leadership: Leadership = { ...soleLeader('hanoi'), shared: true, alive: async (names) => [...names] };
    const tracker = await createTracker(opened.db, { location: 'hanoi', fence: async () => {} });
    await tracker.setMonitors(monitors, at(0));
    // Only the sync's reads are counted, not the tracker's own start.
    const sync = startQuorumSync({ db: opened.db.withPlugin(counter.plugin), tracker, leadership, isolated: () => false, now: () => now, logger: quiet, timer: () => () => {} });
    return { ...sync, tracker, rows: counter.rows };
  };
  afterAll(() => s?.stop());
  const outages = async () => (await listOutages(opened.db, { componentId: 'api' })).map((o) => [o.impact, o.started_at.getTime(), o.ended_at?.getTime() ?? null]);

  it('reads every other vote once, then only those written since: a second with no change reads none', async () => {
    await saveVotes(opened.db, ['saigon', 'danang'].flatMap((l) => monitors.map((m) => vote(l, m.id, 'up', at(0)))));
    s = await startSync();
    await s.tick();
    expect(s.rows()).toBe(4);
    await s.tick();
    await s.tick();
    expect(s.rows()).toBe(4);

    // saigon and danang confirm api-a down: two of three, the quorum forms at the earliest streak.
    await saveVotes(opened.db, [vote('saigon', 'api-a', 'down', at(20)), vote('danang', 'api-a', 'down', at(25))]);
    await s.tick();
    expect(s.rows()).toBe(6);
    expect(s.tracker.status('api')).toBe('partial_outage');
    expect(await outages()).toEqual([['partial_outage', at(20), null]]);
  });

  it('a deleted vote (a reload removed the monitor there) stops counting at the next full read', async () => {
    // danang no longer probes api-a: saigon's vote alone is below the quorum of the two left.
    await dropVotesExcept(opened.db, 'danang', ['api-b']);
    now = at(69); // 59 s after the first, whole read
    await s.tick();
    expect(s.tracker.status('api')).toBe('partial_outage');
    now += 1_000;
    await s.tick();
    expect(s.tracker.status('api')).toBe('operational');
    // Closed, at hanoi's standing good vote (it never failed), not before the outage began.
    expect(await outages()).toEqual([['partial_outage', at(20), at(20)]]);
  });

  // A transaction left open needs a second connection: PGlite has one.
  it.skipIf(kind === 'pglite')('a vote committed after a later-begun one was read is still read', async () => {
    now = at(200);
    await saveVotes(opened.db, [vote('danang', 'api-a', 'down', at(200))]);
    await s.tick();
    expect(s.tracker.status('api')).toBe('partial_outage');
    await opened.db.transaction().execute(async (tx) => {
      // saigon's recovery, written by a transaction that began first and commits last.
      await saveVotes(tx, [vote('saigon', 'api-a', 'up', at(310))]);
      await saveVotes(opened.db, [vote('saigon', 'api-b', 'up', at(320))]);
      await s.tick();
      expect(s.tracker.status('api')).toBe('partial_outage');
    });
    await s.tick();
    expect(s.tracker.status('api')).toBe('operational');
  });
});

// Issue #15: publishing this location isolated queues the operators' alert in the same transaction, once per episode.
describe.each(testDatabaseKinds())('the location isolated alert on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await syncCatalog(opened.db, config.config, new Date(T0));
  });
  afterAll(() => opened?.close());

  it('alerts when the location becomes isolated, not again while it stays so (a restart included), again after it came back', async () => {
    const routes = [{ id: 'oncall', events: ['location.isolated' as const], lang: 'en' as const, to: { email: 'oncall@vendor.example' } }];
    let isolated = false;
    let now = at(0);
    const sync = async () => {
      const tracker = await createTracker(opened.db, { location: 'danang' });
      return startQuorumSync({
        db: opened.db, tracker, leadership: soleLeader('danang'), isolated: () => isolated, now: () => now, logger: quiet, timer: () => () => {},
        onIsolated: (tx, location, when) => queueAlert(tx, routes, 'location.isolated', `${location}@${when}`, { location, at: new Date(when).toISOString() }, new Date(when)),
      });
    };
    const first = await sync();
    for (const [s, value] of [[1, false], [2, true], [3, true]] as const) {
      now = at(s);
      isolated = value;
      await first.tick();
    }
    await first.stop();
    const restarted = await sync();
    for (const [s, value] of [[4, true], [5, false], [6, true]] as const) {
      now = at(s);
      isolated = value;
      await restarted.tick();
    }
    await restarted.stop();
    const sent = await listMessages(opened.db, { cause: 'alert:location.isolated' });
    expect(sent.map((m) => [m.idempotency_key, m.subject])).toEqual([
      [`alert:location.isolated:danang@${at(2)}:oncall`, '[SLA] Location danang is isolated'],
      [`alert:location.isolated:danang@${at(6)}:oncall`, '[SLA] Location danang is isolated'],
    ]);
  });
});
