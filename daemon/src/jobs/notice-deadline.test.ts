import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { listMessages } from '../outbox/outbox.repository.ts';
import { seedWindow } from '../public/testing.ts';
import { alertNoticeDeadlines } from './notice-deadline.ts';

const parsed = parseConfig(
  'components:\n  - { id: app, name: App, tier: core }\nnotify:\n  alerts:\n    - { id: oncall, events: [notice.deadline], lang: en, to: { email: oncall@vendor.example } }\n',
  'deadline.yaml',
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const routes = parsed.config.notify.alerts;
const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');

// Issue #15, docs/contract.md §3.1: an infrastructure window needs its notice
// ≥ 24 h ahead; with 2 h or less left and none delivered, the operators are told, once.
describe.each(testDatabaseKinds())('the notice deadline job, on %s', (kind) => {
  let t: OpenedDatabase;
  let silent: number;
  let noticed: number;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await syncCatalog(t.db, parsed.config, new Date(T0 - HOUR));
    const window = (title: string) => ({ kind: 'infrastructure' as const, title, startsAt: new Date(T0 + 25 * HOUR), endsAt: new Date(T0 + 26 * HOUR), components: ['app'] });
    silent = await seedWindow(t.db, window('Nobody told'));
    noticed = await seedWindow(t.db, window('Told by e-mail'));
    await t.db.insertInto('maintenance_notices').values({ window_id: noticed, sent_at: new Date(T0), channel: 'email', provenance: 'delivered', recorded_by: 'outbox (announce)' }).execute();
  });
  afterAll(() => t?.close());

  it('alerts once for the window with no delivered notice as the clock passes 23 h before its start, never for the noticed one', async () => {
    for (const hoursBefore of [27, 25, 24.5, 23.5, 23]) await alertNoticeDeadlines(t.db, routes, new Date(T0 + (25 - hoursBefore) * HOUR));
    const sent = await listMessages(t.db, { cause: 'alert:notice.deadline' });
    expect(sent.map((m) => [m.idempotency_key, m.channel, m.recipient])).toEqual([[`alert:notice.deadline:${silent}:oncall`, 'email', 'oncall@vendor.example']]);
    expect(sent[0]!.subject).toBe(`[SLA] Maintenance #${silent} is about to miss its notice`);
    expect(sent[0]!.body_text).toContain('"Nobody told" starts at 2026-12-02T01:00:00.000Z; its notice must go out before 2026-12-01T01:00:00.000Z');
    expect(sent.some((m) => m.idempotency_key.includes(`:${noticed}:`))).toBe(false);
  });
});
