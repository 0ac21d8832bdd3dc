import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../daemon/src/auth/token.repository.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

/**
 * Issue #12, docs/contract.md §3.2: the second approver of force majeure is a
 * different *person*. Two tokens of one operator are one person, however the
 * tokens are named.
 */
describe.each(testDatabaseKinds())('two-person rule by operator on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  const call = async (token: string, path: string, body: unknown = {}) => {
    const r = await fetch(`${t.daemon.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as any };
  };
  beforeAll(async () => {
    t = await startTestDaemon(kind, 'components:\n  - { id: app, name: App, tier: core }\n');
  });
  afterAll(() => t?.stop());

  it('refuses an approval by another token of the declarer, and takes one by another operator', async () => {
    const laptop = await createToken(t.db.db, 'an-laptop', 'approver', 'an');
    const phone = await createToken(t.db.db, 'an-phone', 'approver', 'an');
    const other = await createToken(t.db.db, 'binh', 'approver');
    const declared = await call(laptop, '/api/v1/force-majeure', { category: 'power_failure', description: 'Mất điện diện rộng', evidence: 'EVN notice', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-01T02:00:00Z' });
    expect(declared.status).toBe(201);
    expect(declared.body.declaredBy).toBe('an');
    const self = await call(phone, `/api/v1/force-majeure/${declared.body.id}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain('an declared this event');
    const approved = await call(other, `/api/v1/force-majeure/${declared.body.id}/approve`);
    expect(approved.status).toBe(200);
    const audit = await t.db.db.selectFrom('audit_log').select(['actor', 'action']).where('action', 'like', 'force_majeure.%').orderBy('id').execute();
    expect(audit.map((a) => a.actor)).toEqual(['an', 'binh']);
  });
});
