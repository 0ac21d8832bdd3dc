import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { announceWindow } from './maintenance-notices.ts';
import { listMessages } from './outbox.repository.ts';
import { cancelWindowMessages } from './window-cancellation.ts';

const NOW = new Date('2026-03-01T00:00:00Z');
const LATER = new Date('2026-03-01T06:00:00Z');
const hook = (id: string, events?: Array<'maintenance.announced' | 'maintenance.reminder' | 'maintenance.cancelled'>) => ({ id, url: `https://${id}.example/`, secretEnv: 'S', timeout: 10_000, ...(events && { events }) });
// told: announcement delivered; tried: attempted and failing (it may have arrived); unsent: never attempted;
// picky: told, but takes no cancellations; gone: told, no longer configured.
const HOOKS = [hook('told'), hook('tried'), hook('unsent'), hook('picky', ['maintenance.announced']), hook('gone')];

// Issue #15: a cancelled window's endpoints that may have heard of it get a maintenance.cancelled; the rest nothing.
describe.each(testDatabaseKinds())('cancelling a window announced by webhook on %s', (kind) => {
  let t: OpenedDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('queues a cancellation to each configured endpoint that took the event and was sent or tried the window, and withdraws the rest', async () => {
    const w = { id: 9, kind: 'version_upgrade' as const, title: 'Upgrade', description: 'v7', components: ['app'], startsAt: '2026-03-05T00:00:00Z', endsAt: '2026-03-05T02:00:00Z' };
    await announceWindow(t.db, w, NOW, HOOKS);
    const key = (endpoint: string, round = 'announce') => `maintenance:9:${round}:webhook:${endpoint}`;
    await t.db.updateTable('outbox_messages').set({ state: 'delivered', delivered_at: NOW, attempts: 1 }).where('idempotency_key', 'in', [key('told'), key('picky'), key('gone')]).execute();
    await t.db.updateTable('outbox_messages').set({ attempts: 2, last_error: 'HTTP 503' }).where('idempotency_key', '=', key('tried')).execute();
    await t.db.transaction().execute((tx) => cancelWindowMessages(tx, { ...w, cancelledAt: LATER.toISOString() }, LATER, HOOKS.filter((h) => h.id !== 'gone')));
    const rows = await listMessages(t.db, { cause: 'maintenance:9' });
    const cancellations = rows.filter((m) => m.subject === 'maintenance.cancelled');
    expect(cancellations.map((m) => [m.idempotency_key, m.recipient, m.state, m.next_attempt_at.toISOString()])).toEqual([
      [key('told', 'cancel'), 'told', 'pending', LATER.toISOString()],
      [key('tried', 'cancel'), 'tried', 'pending', LATER.toISOString()],
    ]);
    expect(JSON.parse(cancellations[0]!.body_text)).toEqual({ type: 'maintenance.cancelled', timestamp: LATER.toISOString(), data: { ...w, cancelledAt: LATER.toISOString() } });
    // Nothing else about the window goes out any more: the unsent announcement, the retried one and every reminder are withdrawn.
    expect(rows.filter((m) => m.state === 'pending' && m.subject !== 'maintenance.cancelled')).toEqual([]);
    expect(rows.find((m) => m.idempotency_key === key('tried'))!.state).toBe('cancelled');
    expect(rows.find((m) => m.idempotency_key === key('unsent', 'reminder'))!.state).toBe('cancelled');
  });
});
