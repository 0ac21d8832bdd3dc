import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

// Issue #12: PATCHing the fee alone reset creditAs and timeZone to their
// defaults (the change schema inherited create's), which changed how money is
// paid and brought rejected entries back.
describe.each(testDatabaseKinds())('PATCH of a contract on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  beforeAll(async () => {
    t = await startTestDaemon(kind, 'components:\n  - { id: app, name: App, tier: core }\n');
    ops = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
  });
  afterAll(() => t?.stop());

  it('changes only the fields it names', async () => {
    const created = await ops.post('/api/v1/contracts', { id: 'C-1', customer: 'Khách hàng', annualFeeVnd: '36500000', components: ['app'], creditAs: 'renewal', timeZone: 'Asia/Tokyo' });
    expect(created.status).toBe(201);
    const changed = await ops.call('PATCH', '/api/v1/contracts/C-1', { annualFeeVnd: '73000000' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ annualFeeVnd: '73000000', creditAs: 'renewal', timeZone: 'Asia/Tokyo' });
  });
});
