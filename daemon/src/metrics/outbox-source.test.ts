import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { enqueue, markAttemptFailed, markDelivered, type NewOutboxMessage } from '../outbox/outbox.repository.ts';
import { outboxMetricSource } from './outbox-source.ts';

const NOW = new Date('2026-03-01T00:00:00Z');
const message = (key: string, channel: 'email' | 'webhook'): NewOutboxMessage => ({ idempotency_key: key, channel, recipient: 'ops', subject: 's', body_text: 'b', body_html: null, cause: 'test' });

// Issue #15: sla_outbox_messages reads one grouped count; numbers on both engines (pg answers count(*) as a string).
describe.each(testDatabaseKinds())('the outbox metric source on %s', (kind) => {
  let t: OpenedDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts the messages by channel and state', async () => {
    await enqueue(t.db, [message('a', 'email'), message('b', 'email'), message('c', 'email'), message('d', 'webhook')], NOW);
    const ids = Object.fromEntries((await t.db.selectFrom('outbox_messages').select(['id', 'idempotency_key']).execute()).map((r) => [r.idempotency_key, r.id]));
    await markDelivered(t.db, ids.a!, NOW);
    await markDelivered(t.db, ids.b!, NOW);
    await markAttemptFailed(t.db, ids.d!, 'HTTP 500', null);
    const counts = await outboxMetricSource(t.db).counts();
    expect(counts.sort((x, y) => `${x.channel}${x.state}`.localeCompare(`${y.channel}${y.state}`))).toEqual([
      { channel: 'email', state: 'delivered', count: 2 },
      { channel: 'email', state: 'pending', count: 1 },
      { channel: 'webhook', state: 'failed', count: 1 },
    ]);
  });
});
