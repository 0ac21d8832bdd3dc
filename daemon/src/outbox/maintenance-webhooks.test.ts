import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { announceWindow } from './maintenance-notices.ts';
import { listMessages } from './outbox.repository.ts';

const NOW = new Date('2026-03-01T00:00:00Z');
const window = { id: 7, kind: 'version_upgrade' as const, title: 'Upgrade', description: '', components: ['app'], startsAt: '2026-03-05T00:00:00Z', endsAt: '2026-03-05T02:00:00Z' };

// Issue #15: the events webhooks get are the maintenance notices the outbox sends contacts, filtered by each endpoint's `events`.
describe.each(testDatabaseKinds())('maintenance notices to webhooks on %s', (kind) => {
  let t: OpenedDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('queues each round to each endpoint that takes its event, as JSON naming the endpoint by id', async () => {
    await announceWindow(t.db, window, NOW, [
      { id: 'ops', url: 'https://a.example/', secretEnv: 'A', timeout: 10_000 },
      { id: 'chat', url: 'https://b.example/', secretEnv: 'B', timeout: 10_000, events: ['maintenance.reminder'] },
    ]);
    const rows = (await listMessages(t.db, { cause: 'maintenance:7' })).filter((m) => m.channel === 'webhook');
    expect(rows.map((m) => [m.idempotency_key, m.recipient, m.subject, m.next_attempt_at.toISOString()])).toEqual([
      ['maintenance:7:announce:webhook:ops', 'ops', 'maintenance.announced', NOW.toISOString()],
      ['maintenance:7:reminder:webhook:ops', 'ops', 'maintenance.reminder', '2026-03-03T23:00:00.000Z'],
      ['maintenance:7:reminder:webhook:chat', 'chat', 'maintenance.reminder', '2026-03-03T23:00:00.000Z'],
    ]);
    expect(JSON.parse(rows[0]!.body_text)).toEqual({ type: 'maintenance.announced', timestamp: NOW.toISOString(), data: { ...window } });
  });
});
