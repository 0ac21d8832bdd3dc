// Issue #19: a Statuspage component's `updated_at` is when its public status
// last changed (an outage began or ended, a maintenance window began or
// ended), not when the daemon loaded the config.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { backdateComponents, seedOutage, seedWindow } from '../daemon/src/public/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

const HOUR = 3_600_000;

describe.each(testDatabaseKinds())('Statuspage component updated_at on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let at: (hours: number) => Date;
  beforeAll(async () => {
    t = await startTestDaemon(kind, 'components:\n  - { id: api, name: Public API, tier: core }\n  - { id: web, name: Web app, tier: core }\n  - { id: docs, name: Docs, tier: core }\n');
    const now = t.clock.now();
    at = (hours) => new Date(now + hours * HOUR);
    await backdateComponents(t.db.db, at(-40 * 24));
    await t.db.db.updateTable('components').set({ updated_at: at(-40 * 24) }).execute();
    await seedOutage(t.db.db, { component: 'api', impact: 'major_outage', startedAt: at(-3), endedAt: at(-2) });
    await seedWindow(t.db.db, { kind: 'backup', title: 'Nightly backup', startsAt: at(-1), endsAt: at(1), components: ['web'] });
    // Not yet begun, and cancelled: neither changed anything anyone sees.
    await seedWindow(t.db.db, { kind: 'backup', title: 'Later', startsAt: at(5), endsAt: at(6), components: ['docs'] });
    await seedWindow(t.db.db, { kind: 'backup', title: 'Withdrawn', startsAt: at(-0.5), endsAt: at(0.5), components: ['docs'], cancelledAt: at(-4) });
  });
  afterAll(() => t?.stop());

  it('follows the last outage boundary, the start of a window, and nothing that did not happen', async () => {
    const body = (await (await fetch(`${t.daemon.url}/api/v2/components.json`)).json()) as { components: Array<{ id: string; status: string; updated_at: string }> };
    const updated = Object.fromEntries(body.components.map((c) => [c.id, c.updated_at]));
    expect(updated.api).toBe(at(-2).toISOString()); // recovered then
    expect(updated.web).toBe(at(-1).toISOString()); // under maintenance since
    expect(updated.docs).toBe(at(-40 * 24).toISOString()); // unchanged since it was added
    expect(body.components.find((c) => c.id === 'web')?.status).toBe('under_maintenance');
  });
});
