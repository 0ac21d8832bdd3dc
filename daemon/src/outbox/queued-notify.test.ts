import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase, type OpenedDatabase } from '../db/open.ts';
import { createScratchDatabase } from '../db/testing.ts';
import { claimLocation, type Leadership } from '../leadership/leader.ts';
import type { Logger } from '../logger.ts';
import { enqueue, OUTBOX_QUEUED_CHANNEL, type NewOutboxMessage } from './outbox.repository.ts';

const adminUrl = process.env.DATABASE_URL;
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const message = (key: string): NewOutboxMessage => ({ idempotency_key: key, channel: 'email', recipient: 'ops@customer.example', subject: 's', body_text: 'b', body_html: null, cause: 'test' });

async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// Issue #15: a message queued through any daemon of a PostgreSQL database
// wakes the leader's outbox (LISTEN on its lock connection), at the commit.
// PGlite has one daemon, which hears its own writes in-process (bell.ts).
describe.skipIf(adminUrl === undefined)(`NOTIFY on enqueue, on PostgreSQL${adminUrl === undefined ? ' — skipped: DATABASE_URL is unset' : ''}`, () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: OpenedDatabase;
  let leader: Leadership;
  beforeAll(async () => {
    scratch = await createScratchDatabase(adminUrl!);
    db = await openDatabase({ url: scratch.url });
    await migrateToLatest(db.db);
    leader = await claimLocation(scratch.url, { location: 'east', logger: quiet });
  });
  afterAll(async () => {
    await leader?.close();
    await db?.close();
    await scratch?.drop();
  });

  it('the listener hears a committed enqueue from another connection, and never a rolled-back one', async () => {
    let heard = 0;
    await leader.listen(OUTBOX_QUEUED_CHANNEL, () => heard++);
    const rolledBack = await db.db
      .transaction()
      .execute(async (tx) => {
        await enqueue(tx, [message('rolled-back')], new Date());
        throw new Error('the fact was refused');
      })
      .catch((e: Error) => e.message);
    expect(rolledBack).toBe('the fact was refused');
    await db.db.transaction().execute(async (tx) => {
      await enqueue(tx, [message('committed')], new Date());
      // Not before the commit: the outbox would claim nothing and wait for the poll.
      await new Promise((r) => setImmediate(r));
      expect(heard).toBe(0);
    });
    await until('the notification', () => heard > 0);
    // Notifications arrive in commit order: the rolled-back one would have come first.
    expect(heard).toBe(1);
  });
});
