import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { seedWindow } from '../public/testing.ts';
import { recordDeliveredNotice } from './delivered-notice.ts';
import type { OutboxMessage } from './outbox.repository.ts';

const parsed = parseConfig('components:\n  - { id: app, name: App, tier: core }\n', 'notice.yaml');
if (!parsed.ok) throw new Error('test config invalid');
const deliveredAt = new Date('2026-12-01T03:00:00Z');
/** The fields recordDeliveredNotice reads of a delivered message. */
const delivered = (key: string, channel: OutboxMessage['channel']) => ({ idempotency_key: key, channel, delivered_at: deliveredAt }) as OutboxMessage;

// Issue #15, SLA §C.1: only a notice that reached the customer makes a window valid.
describe.each(testDatabaseKinds())('a delivered message as a maintenance notice, on %s', (kind) => {
  let t: OpenedDatabase;
  let windowId: number;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await syncCatalog(t.db, parsed.config, new Date('2026-11-01T00:00:00Z'));
    windowId = await seedWindow(t.db, { kind: 'infrastructure', title: 'Upgrade', startsAt: new Date('2026-12-03T15:30:00Z'), endsAt: new Date('2026-12-03T16:30:00Z'), components: ['app'] });
  });
  afterAll(() => t?.close());
  const notices = () => t.db.selectFrom('maintenance_notices').select(['channel', 'sent_at', 'recorded_by', 'provenance']).where('window_id', '=', windowId).execute();

  it('a webhook, delivered to the vendor’s own endpoint, records no notice', async () => {
    expect(await t.db.transaction().execute((tx) => recordDeliveredNotice(tx, delivered(`maintenance:${windowId}:announce:ops`, 'webhook')))).toBeUndefined();
    expect(await notices()).toEqual([]);
  });

  it('an e-mail records the round’s one notice at its delivery instant', async () => {
    expect(await t.db.transaction().execute((tx) => recordDeliveredNotice(tx, delivered(`maintenance:${windowId}:announce:it@customer.vn`, 'email')))).toEqual(['app']);
    expect(await notices()).toEqual([{ channel: 'email', sent_at: deliveredAt, recorded_by: 'outbox (announce)', provenance: 'delivered' }]);
  });
});
