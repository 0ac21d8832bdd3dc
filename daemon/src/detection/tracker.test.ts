import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@sla/shared';
import { sql } from 'kysely';
import pg from 'pg';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { databaseSnapshot, openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { DatabaseDownError, faultyDatabase } from '../db/faulty-database.ts';
import { listOutages } from '../outages/outage.repository.ts';
import { NotLeadingError } from '../leadership/leader.ts';
import { dropVotesExcept, loadVotes } from './location-vote.repository.ts';
import { createTracker, type TrackedMonitor } from './tracker.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const at = (s: number) => T0 + s * 1000;
const thresholds = { failuresToOpen: 2, successesToClose: 2 };
const config = parseConfig(
  `
components:
  - { id: app, name: App, tier: core }
  - { id: api, name: API, tier: core }
monitors:
  - { id: app-a, component: app, kind: tcp, target: "127.0.0.1:1" }
  - { id: app-b, component: app, kind: tcp, target: "127.0.0.1:2" }
  - { id: api-a, component: api, kind: tcp, target: "127.0.0.1:3" }
`,
  'test.yaml',
);
if (!config.ok) throw new Error('test config invalid');
const monitors: TrackedMonitor[] = config.config.monitors.map((m) => ({ id: m.id, componentId: m.component, thresholds }));
const down = { state: 'down' as const, failure: { kind: 'refused', message: 'connection refused' } };

describe.each(testDatabaseKinds())('tracker on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await syncCatalog(opened.db, config.config, new Date(T0));
  });
  afterAll(() => opened?.close());

  it('opens partial then major, narrows back, closes — each slice at its probe instant, and survives a restart', async () => {
    const db = opened.db;
    let tracker = await createTracker(db);
    await tracker.setMonitors(monitors, T0);
    await tracker.observe('app-a', { at: at(10), ...down });
    await tracker.observe('app-a', { at: at(40), ...down }); // confirms app-a down since 10 s
    expect(tracker.status('app')).toBe('partial_outage');
    await tracker.observe('app-b', { at: at(50), ...down });
    await tracker.observe('app-b', { at: at(80), ...down }); // all down since 50 s

    // A new tracker over the same database: the restart after kill -9.
    tracker = await createTracker(db);
    await tracker.setMonitors(monitors, at(500));
    expect(tracker.status('app')).toBe('major_outage');
    let open = await listOutages(db, { componentId: 'app' });
    expect(open.map((o) => [o.impact, o.started_at.getTime(), o.ended_at?.getTime() ?? null])).toEqual([
      ['major_outage', at(50), null],
      ['partial_outage', at(10), at(50)],
    ]);

    await tracker.observe('app-a', { at: at(600), state: 'up' });
    await tracker.observe('app-a', { at: at(630), state: 'up' }); // app-a up since 600 s
    await tracker.observe('app-b', { at: at(700), state: 'up' });
    await tracker.observe('app-b', { at: at(730), state: 'up' });
    expect(tracker.status('app')).toBe('operational');
    open = await listOutages(db, { componentId: 'app' });
    expect(open.map((o) => [o.impact, o.started_at.getTime(), o.ended_at?.getTime() ?? null])).toEqual([
      ['partial_outage', at(600), at(700)],
      ['major_outage', at(50), at(600)],
      ['partial_outage', at(10), at(50)],
    ]);
    expect(open.at(-1)).toMatchObject({ monitor_id: 'app-a', failure_kind: 'refused' });
    expect(await listOutages(db, { componentId: 'api' })).toEqual([]);
  });

  it('a follower\'s tracker (readOnly, issue #14) follows its results from the stored states and writes only its own votes', async () => {
    const before = await databaseSnapshot(opened.db);
    const states = await opened.db.selectFrom('monitor_states').selectAll().orderBy('monitor_id').execute();
    const follower = await createTracker(opened.db, { readOnly: true, location: 'far' });
    await follower.setMonitors(monitors, at(2_000));
    await follower.observe('api-a', { at: at(2_010), ...down });
    const transition = await follower.observe('api-a', { at: at(2_040), ...down });
    expect(transition?.at).toBe(at(2_010));
    expect(follower.status('api')).toBe('major_outage');
    const after = await databaseSnapshot(opened.db);
    // One vote per monitor it probes, and nothing else.
    expect(after).toEqual({ ...before, counts: { ...before.counts, location_monitor_states: before.counts.location_monitor_states! + monitors.length } });
    expect(await opened.db.selectFrom('monitor_states').selectAll().orderBy('monitor_id').execute()).toEqual(states);
    const votes = await loadVotes(opened.db, 'far');
    expect(votes.find((v) => v.monitorId === 'api-a')).toMatchObject({ confirmed: 'down', since: at(2_010), failure: down.failure });
  });

  it('closes an open outage at reload when its only monitor is removed', async () => {
    const tracker = await createTracker(opened.db);
    await tracker.setMonitors(monitors, at(1000));
    await tracker.observe('api-a', { at: at(1010), ...down });
    await tracker.observe('api-a', { at: at(1020), ...down });
    await tracker.setMonitors(monitors.filter((m) => m.id !== 'api-a'), at(1100));
    const [outage] = await listOutages(opened.db, { componentId: 'api' });
    expect([outage?.started_at.getTime(), outage?.ended_at?.getTime()]).toEqual([at(1010), at(1100)]);
  });
});

describe.each(testDatabaseKinds())('tracker while the database is down, on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await syncCatalog(opened.db, config.config, new Date(T0));
  });
  afterAll(() => opened?.close());

  it('keeps the transitions it could not commit and writes them in order once the database is back (issue #12)', async () => {
    const { db, faults } = faultyDatabase(opened.db);
    const tracker = await createTracker(db);
    await tracker.setMonitors(monitors, T0);
    await tracker.observe('app-a', { at: at(10), ...down });
    faults.down = true;
    // The outage opens and the target recovers while nothing can be written.
    await expect(tracker.observe('app-a', { at: at(40), ...down })).rejects.toThrow(DatabaseDownError);
    expect(tracker.status('app')).toBe('partial_outage');
    await expect(tracker.observe('app-a', { at: at(100), state: 'up' })).rejects.toThrow(DatabaseDownError);
    await expect(tracker.observe('app-a', { at: at(130), state: 'up' })).rejects.toThrow(DatabaseDownError);
    expect(tracker.status('app')).toBe('operational');
    faults.down = false;
    await tracker.observe('app-a', { at: at(160), state: 'up' });
    const outages = await listOutages(opened.db, { componentId: 'app' });
    expect(outages.map((o) => [o.impact, o.started_at.getTime(), o.ended_at?.getTime() ?? null])).toEqual([['partial_outage', at(10), at(100)]]);
    const [state] = await opened.db.selectFrom('monitor_states').selectAll().where('monitor_id', '=', 'app-a').execute();
    expect([state?.state, state?.since.getTime()]).toEqual(['up', at(100)]);
  });
});

// PGlite is one session: a transaction held there holds every query, so the
// lock that holds one component's transition is taken on PostgreSQL.
describe.skipIf(!process.env.DATABASE_URL)('tracker with one component held, on postgres', () => {
  let opened: OpenedDatabase;
  let holder: pg.Client | undefined;
  beforeAll(async () => {
    opened = await openTestDatabase('postgres');
    await syncCatalog(opened.db, config.config, new Date(T0));
  });
  afterAll(async () => {
    await holder?.end();
    await opened?.close();
  });

  it('commits another component’s transition while one component’s transaction waits on a lock (issue #12)', async () => {
    const tracker = await createTracker(opened.db);
    await tracker.setMonitors(monitors, T0);
    await tracker.observe('app-a', { at: at(10), ...down });
    await tracker.observe('app-a', { at: at(40), ...down }); // app-a's state row exists now
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(opened.db);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${rows[0]!.name}`;
    holder = new pg.Client({ connectionString: url.toString() });
    await holder.connect();
    await holder.query('begin');
    await holder.query(`select * from monitor_states where monitor_id = 'app-a' for update`);

    let appCommitted = false;
    await tracker.observe('app-a', { at: at(100), state: 'up' });
    const app = tracker.observe('app-a', { at: at(130), state: 'up' }).then(() => (appCommitted = true));
    await tracker.observe('api-a', { at: at(110), ...down });
    await tracker.observe('api-a', { at: at(140), ...down }); // resolves only once committed
    expect(appCommitted).toBe(false);
    expect((await listOutages(opened.db, { componentId: 'api' })).map((o) => o.started_at.getTime())).toEqual([at(110)]);
    await holder.query('commit');
    await app;
    expect((await listOutages(opened.db, { componentId: 'app' })).map((o) => o.ended_at?.getTime())).toEqual([at(100)]);
  }, 10_000);
});

describe.each(testDatabaseKinds())('tracker with three locations (quorum, issue #14), on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await syncCatalog(opened.db, config.config, new Date(T0));
  });
  afterAll(() => opened?.close());

  /** The votes the leader would count: every location's but those left out (dead or isolated). */
  const votes = async (leftOut: string[] = []) => (await loadVotes(opened.db)).filter((v) => !leftOut.includes(v.location));
  const outages = async () =>
    (await listOutages(opened.db, { componentId: 'api' })).map((o) => [o.impact, o.started_at.getTime(), o.ended_at?.getTime() ?? null]);

  it('opens only when a majority of locations confirm, at the earliest streak, and closes when fewer than a quorum still fail', async () => {
    const leader = await createTracker(opened.db, { location: 'hanoi' });
    const saigon = await createTracker(opened.db, { location: 'saigon', readOnly: true });
    const danang = await createTracker(opened.db, { location: 'danang', readOnly: true });
    for (const t of [leader, saigon, danang]) await t.setMonitors(monitors, T0);

    // Seen down from one location: a per-location failure, below quorum.
    await saigon.observe('api-a', { at: at(100), ...down });
    await saigon.observe('api-a', { at: at(130), ...down });
    await leader.refresh(await votes(), true);
    expect(leader.status('api')).toBe('operational');
    expect(await outages()).toEqual([]);

    // The leader's own location alone is below quorum too.
    await leader.observe('api-a', { at: at(150), ...down });
    expect(await leader.observe('api-a', { at: at(180), ...down })).toMatchObject({ to: 'down', at: at(100) });
    // Two of three: the quorum formed, from the earliest of the streaks (saigon's).
    expect(leader.status('api')).toBe('major_outage');
    expect(await outages()).toEqual([['major_outage', at(100), null]]);

    await danang.observe('api-a', { at: at(200), ...down });
    await danang.observe('api-a', { at: at(230), ...down });
    await leader.refresh(await votes(), true);
    expect(await outages()).toEqual([['major_outage', at(100), null]]);

    // One recovers: two still fail. The second recovery takes it below quorum.
    await saigon.observe('api-a', { at: at(400), state: 'up' });
    await saigon.observe('api-a', { at: at(430), state: 'up' });
    await leader.refresh(await votes(), true);
    expect(await outages()).toEqual([['major_outage', at(100), null]]);
    await danang.observe('api-a', { at: at(500), state: 'up' });
    await danang.observe('api-a', { at: at(530), state: 'up' });
    await leader.refresh(await votes(), true);
    expect(leader.status('api')).toBe('operational');
    expect(await outages()).toEqual([['major_outage', at(100), at(500)]]);

    // A new leader (the old one killed) resumes from the stored states and votes: nothing changes twice.
    await leader.observe('api-a', { at: at(600), state: 'up' });
    await leader.observe('api-a', { at: at(630), state: 'up' });
    const next = await createTracker(opened.db, { location: 'saigon' });
    await next.setMonitors(monitors, at(700));
    await next.refresh(await votes(['hanoi']), true);
    expect(next.status('api')).toBe('operational');
    expect(await outages()).toEqual([['major_outage', at(100), at(500)]]);
  });

  it('a leader fenced off (it lost the lead) writes nothing and keeps its change until it leads again, then writes it with its instants', async () => {
    let leading = true;
    const fenced = await createTracker(opened.db, {
      location: 'fenced',
      fence: async () => {
        if (!leading) throw new NotLeadingError('fenced');
      },
    });
    await fenced.setMonitors(monitors, at(5_000));
    leading = false; // its lock connection is gone
    await fenced.observe('app-a', { at: at(5_010), ...down });
    await expect(fenced.observe('app-a', { at: at(5_040), ...down })).rejects.toThrow(NotLeadingError);
    // Alone it would have opened app's outage: the fence kept it out, and its vote with it.
    expect(await listOutages(opened.db, { componentId: 'app' })).toEqual([]);
    expect((await loadVotes(opened.db, 'fenced')).find((v) => v.monitorId === 'app-a')).toMatchObject({ confirmed: 'up' });
    // Leading again (the database came back with our lock): flush writes what was kept.
    leading = true;
    await fenced.flush();
    expect((await listOutages(opened.db, { componentId: 'app' })).map((o) => [o.impact, o.started_at.getTime(), o.ended_at])).toEqual([['partial_outage', at(5_010), null]]);
    expect((await loadVotes(opened.db, 'fenced')).find((v) => v.monitorId === 'app-a')).toMatchObject({ confirmed: 'down', since: at(5_010) });
    await fenced.observe('app-a', { at: at(5_100), state: 'up' });
    await fenced.observe('app-a', { at: at(5_130), state: 'up' });
    expect((await listOutages(opened.db, { componentId: 'app' })).map((o) => o.ended_at?.getTime())).toEqual([at(5_100)]);
    await opened.db.deleteFrom('outages').where('component_id', '=', 'app').execute();
    await opened.db.deleteFrom('monitor_states').where('monitor_id', 'like', 'app-%').execute();
    await dropVotesExcept(opened.db, 'fenced', []); // a location gone: the next test counts three others
  });

  it('a start with 12,000 monitors writes every vote, more than one statement can carry (65,535 parameters), and a reload drops the removed ones', async () => {
    const many: TrackedMonitor[] = Array.from({ length: 12_000 }, (_, i) => ({ id: `m-${i}`, componentId: 'app', thresholds }));
    const big = await createTracker(opened.db, { location: 'big', readOnly: true });
    await big.setMonitors(many, at(6_000));
    expect(await loadVotes(opened.db, 'big')).toHaveLength(12_000);
    await big.setMonitors(many.slice(0, 10), at(6_100));
    expect((await loadVotes(opened.db, 'big')).map((v) => v.monitorId).sort()).toEqual(many.slice(0, 10).map((m) => m.id).sort());
    await dropVotesExcept(opened.db, 'big', []);
  });

  it('left-out locations (dead or isolated) do not count: the others keep quorum', async () => {
    const leader = await createTracker(opened.db, { location: 'hanoi' });
    await leader.setMonitors(monitors, at(1_000));
    const saigon = await createTracker(opened.db, { location: 'saigon', readOnly: true });
    await saigon.setMonitors(monitors, at(1_000));
    // danang's votes (all up) are left out: it is isolated. Two counted, a majority is both.
    await leader.refresh(await votes(['danang']), true);
    await saigon.observe('api-a', { at: at(1_100), ...down });
    await saigon.observe('api-a', { at: at(1_130), ...down });
    await leader.refresh(await votes(['danang']), true);
    expect(leader.status('api')).toBe('operational');
    await leader.observe('api-a', { at: at(1_150), ...down });
    await leader.observe('api-a', { at: at(1_180), ...down });
    expect((await outages()).at(0)).toEqual(['major_outage', at(1_100), null]);
    // The leader itself isolated: saigon alone is the quorum of one, and it recovers.
    await saigon.observe('api-a', { at: at(1_300), state: 'up' });
    await saigon.observe('api-a', { at: at(1_330), state: 'up' });
    await leader.refresh(await votes(['danang', 'hanoi']), false);
    expect((await outages()).at(0)).toEqual(['major_outage', at(1_100), at(1_300)]);
  });
});

// docs/contract.md §1.5: its own database, so no other test's states or outages are in the way.
describe.each(testDatabaseKinds())('tracker and recorded outages on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await syncCatalog(opened.db, config.config, new Date(T0));
  });
  afterAll(() => opened?.close());

  it('an outage whose streak began inside time an operator recorded as an outage starts where the recorded one ends: no minute credited twice (docs/contract.md §1.5)', async () => {
    const db = opened.db;
    const recorded = (from: number, to: number) => ({ component_id: 'api', impact: 'major_outage' as const, started_at: new Date(at(from)), ended_at: new Date(at(to)), monitor_id: null, failure_kind: null, failure_message: null, recorded_by: 'ops-a', recorded_reason: 'customer report', evidence: 'ticket 7' });
    // Two recorded outages back to back: 1,000–1,100 s and 1,100–1,200 s; a withdrawn one later no longer counts.
    await db.insertInto('outages').values([recorded(1_000, 1_100), recorded(1_100, 1_200)]).execute();
    const tracker = await createTracker(db);
    await tracker.setMonitors(monitors, at(900));
    await tracker.observe('api-a', { at: at(1_050), ...down });
    await tracker.observe('api-a', { at: at(1_250), ...down }); // confirms down since 1,050 s, inside the recorded time
    const open = (await listOutages(db, { componentId: 'api' })).filter((o) => o.ended_at === null);
    expect(open.map((o) => o.started_at.getTime())).toEqual([at(1_200)]);
    await tracker.observe('api-a', { at: at(1_300), state: 'up' });
    await tracker.observe('api-a', { at: at(1_310), state: 'up' });
  });
});
