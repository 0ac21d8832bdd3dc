import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from '../db/testing.ts';
import type { Logger } from '../logger.ts';
import { openDatabase } from '../db/open.ts';
import { claimLocation, NotLeadingError, soleLeader, type Leadership, type Timer } from './leader.ts';
import { connectLocks, LocationTakenError, locationKey } from './locks.ts';

const adminUrl = process.env.DATABASE_URL;
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Leader duties that only say whether they run, and how often they started. */
function recordingDuties() {
  const d = { running: false, starts: 0, stops: 0 };
  return {
    d,
    duties: {
      start: async () => {
        d.running = true;
        d.starts += 1;
      },
      stop: async () => {
        d.running = false;
        d.stops += 1;
      },
    },
  };
}

describe('location keys', () => {
  it('are stable 32-bit integers that tell locations apart', () => {
    expect(locationKey('local')).toBe(locationKey('local'));
    expect(locationKey('hanoi')).not.toBe(locationKey('saigon'));
    for (const l of ['local', 'hanoi', 'saigon', 'a'.repeat(63)]) expect(Number.isInteger(locationKey(l)) && Math.abs(locationKey(l)) < 2 ** 31).toBe(true);
  });
});

describe('PGlite and in-process daemons', () => {
  it('the sole leader leads from run() to close()', async () => {
    const leader = soleLeader('local');
    const { d, duties } = recordingDuties();
    expect(leader.leading()).toBe(false);
    await leader.run(duties);
    await until('started', () => d.running);
    expect(leader.leading()).toBe(true);
    await leader.close();
    expect([leader.leading(), d.running, d.starts, d.stops]).toEqual([false, false, 1, 1]);
  });
});

// Advisory locks are PostgreSQL's: PGlite has one process per folder (db/lock.ts).
describe.skipIf(adminUrl === undefined)(`advisory locks on PostgreSQL${adminUrl === undefined ? ' — skipped: DATABASE_URL is unset' : ''}`, () => {
  let url: string;
  let drop = async () => {};
  const open: Leadership[] = [];
  beforeAll(async () => {
    ({ url, drop } = await createScratchDatabase(adminUrl!));
  });
  afterAll(async () => {
    for (const l of open) await l.close();
    await drop();
  });
  const tries = new Map<string, number>();
  const claim = async (location: string) => {
    // The real timer, counting the retries it schedules.
    const timer: Timer = (fn, ms) => {
      tries.set(location, (tries.get(location) ?? 0) + 1);
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    };
    const l = await claimLocation(url, { location, logger: quiet, everyMs: 20, timer });
    open.push(l);
    return l;
  };
  /** Ends the server side of every lock connection of this database: what a network cut or a killed daemon does. */
  const terminateLockConnections = async (pid?: number) => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const r = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'sla-ledger locks'${pid === undefined ? '' : ' and pid = $1'}`,
      pid === undefined ? [] : [pid],
    );
    await admin.end();
    return r.rowCount ?? 0;
  };
  const leaderPid = async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const r = await admin.query<{ pid: number }>(`select pid from pg_locks where locktype = 'advisory' and classid = $1 and granted and database = (select oid from pg_database where datname = current_database())`, [0x534c4102]);
    await admin.end();
    return r.rows[0]?.pid;
  };

  it('one session per location: the second is refused until the first connection ends', async () => {
    const a = await connectLocks(url);
    const b = await connectLocks(url);
    expect(await a.tryLocation('east')).toBe(true);
    expect(await b.tryLocation('east')).toBe(false);
    expect(await b.tryLocation('west')).toBe(true);
    await a.close();
    await until('east released by the closed connection', () => b.tryLocation('east'));
    await b.close();
  });

  it('refuses a second daemon of the same location with a message naming it', async () => {
    const first = await claim('hanoi');
    const refused = await claimLocation(url, { location: 'hanoi', logger: quiet }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LocationTakenError);
    expect((refused as Error).message).toContain('"hanoi"');
    await first.close();
    const again = await claim('hanoi'); // released with its connection
    await again.close();
  });

  it('elects one leader; when its connection is cut it stops leading at once and another takes over', async () => {
    const a = await claim('a');
    const b = await claim('b');
    const ra = recordingDuties();
    const rb = recordingDuties();
    await a.run(ra.duties);
    await until('a leads', () => ra.d.running);
    await b.run(rb.duties);
    // b tries every 20 ms; ten tries later it still follows.
    const before = tries.get('b') ?? 0;
    await until('b tried ten times', () => (tries.get('b') ?? 0) >= before + 10);
    expect([a.leading(), b.leading(), rb.d.starts]).toEqual([true, false, 0]);

    expect(await terminateLockConnections(await leaderPid())).toBe(1);
    await until('a stopped leading', () => !a.leading() && !ra.d.running);
    await until('one of them leads again', () => a.leading() !== b.leading() && (ra.d.running || rb.d.running));
    await until('both are back as locations', async () => {
      const c = await connectLocks(url);
      const free = [await c.tryLocation('a'), await c.tryLocation('b')];
      await c.close();
      return free.every((f) => !f);
    });
    expect(ra.d.stops).toBeGreaterThanOrEqual(1);
    await a.close();
    await b.close();
    await until('nobody leads', async () => (await leaderPid()) === undefined);
  });

  it('a leader whose duties fail to start steps down and tries again, rather than leading with nothing running', async () => {
    const a = await claim('flaky');
    let failures = 1;
    const r = recordingDuties();
    await a.run({
      start: async () => {
        if (failures-- > 0) throw new Error('database blip');
        await r.duties.start();
      },
      stop: r.duties.stop,
    });
    // The first try failed: it does not lead (another daemon may), and the lock is free.
    expect(a.leading()).toBe(false);
    await until('it leads on a later try', () => a.leading() && r.d.running);
    expect(r.d.starts).toBe(1);
    await a.close();
  });

  it('listens again on the connection that replaces a lost one, so a notification after the loss still reaches it (issue #15)', async () => {
    const a = await claim('listener');
    await a.run(recordingDuties().duties);
    await until('it leads', () => a.leading());
    let heard = 0;
    await a.listen('sla_test_channel', () => heard++);
    const notify = async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`select pg_notify('sla_test_channel', '')`);
      await admin.end();
    };
    await notify();
    await until('the first notification', () => heard === 1);
    const lost = await leaderPid();
    expect(await terminateLockConnections(lost)).toBe(1);
    await until('it leads again on a new connection', async () => a.leading() && (await leaderPid()) !== undefined && (await leaderPid()) !== lost);
    // LISTEN is sent before the lead is retaken (the connection is rebuilt first), so this is heard.
    await notify();
    await until('the notification after the loss', () => heard === 2);
    await a.close();
  });

  it('fences writes: a transaction of a leader whose lock is gone is refused, however late it runs', async () => {
    const a = await claim('fenced');
    const r = recordingDuties();
    await a.run(r.duties);
    await until('it leads', () => a.leading());
    const opened = await openDatabase({ url });
    try {
      await expect(opened.db.transaction().execute((tx) => a.fence(tx))).resolves.toBeUndefined();
      await terminateLockConnections(await leaderPid());
      // Whether or not the daemon has noticed yet, the fence says no.
      await expect(opened.db.transaction().execute((tx) => a.fence(tx))).rejects.toThrow(NotLeadingError);
    } finally {
      await opened.close();
      await a.close();
    }
  });
});
