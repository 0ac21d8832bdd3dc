import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { smtpSink } from '../daemon/src/outbox/testing/smtp-sink.ts';
import { waitFor } from './support/daemon-process.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

const HOUR = 3_600_000;
const yaml = (port: number) =>
  `components:\n  - { id: web, name: Web, tier: core }\n  - { id: api, name: API, tier: core }\n` +
  `notify:\n  email:\n    from: "Status <status@vendor.example>"\n    smtp: { host: 127.0.0.1, port: ${port}, requireTls: false }\n`;
const declaration = {
  title: 'Unauthorised access to exported reports',
  publicBody: 'An export link was readable without signing in for three hours. It is closed; affected customers are being contacted.',
  components: ['web'],
  contracts: ['C-1', 'C-2'],
  message: {
    subject: { vi: 'Thông báo sự cố bảo mật', en: 'Security incident notice' },
    body: { vi: 'Báo cáo xuất của Quý khách đã có thể bị truy cập trong ba giờ.', en: 'Your exported reports may have been readable for three hours.' },
  },
};

/**
 * Privacy policy, terms §4–5 (docs/contract.md §5, issue #15): a security
 * violation is declared with the contracts it affects; their contacts are
 * told in their language, and the status page carries an incident that
 * names no customer.
 */
describe.each(testDatabaseKinds())('a security-violation notice on %s', (kind) => {
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  beforeAll(async () => {
    sink = await smtpSink();
    t = await startTestDaemon(kind, yaml(sink.port), { outboxPollMs: HOUR });
    ops = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
    for (const [id, customer] of [['C-1', 'Công ty Sao Mai'], ['C-2', 'Hanoi Logistics'], ['C-3', 'Untouched Ltd']] as const)
      expect((await ops.post('/api/v1/contracts', { id, customer, annualFeeVnd: '73000000', components: ['web'] })).status).toBe(201);
    for (const [contract, email, lang] of [['C-1', 'it@saomai.example', 'vi'], ['C-2', 'cto@hanoi-logistics.example', 'en'], ['C-2', 'it@saomai.example', 'vi'], ['C-3', 'it@untouched.example', 'en']] as const)
      expect((await ops.post(`/api/v1/contracts/${contract}/contacts`, { email, lang })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.stop();
    await sink?.close();
  });

  it('refuses public words that name a customer or contract, and saves nothing', async () => {
    const before = await t.db.db.selectFrom('incidents').select('id').execute();
    const named = await ops.post('/api/v1/security-notices', { ...declaration, publicBody: 'Reports of Hanoi Logistics were readable.' });
    expect(named.status).toBe(400);
    expect(named.body.error.details).toEqual(['publicBody: names a customer or contract (C-2); the public incident must not']);
    const unknown = await ops.post('/api/v1/security-notices', { ...declaration, contracts: ['C-9'] });
    expect(unknown.body.error.details).toEqual(['contracts[0]: unknown contract "C-9"']);
    expect(await t.db.db.selectFrom('incidents').select('id').execute()).toEqual(before);
  });

  it('tells each contact of the affected contracts once, in their language; the page names nobody', async () => {
    const declared = await ops.post('/api/v1/security-notices', declaration);
    expect(declared.status).toBe(201);
    expect(declared.body.told).toBe(2); // it@saomai.example is a contact of both: one message
    const mails = await waitFor('both mails', async () => (sink.received.length === 2 ? sink.received : undefined));
    expect(mails.map((m) => [(m.to as { text: string }).text, m.subject]).sort()).toEqual([
      ['cto@hanoi-logistics.example', 'Security incident notice'],
      ['it@saomai.example', 'Thông báo sự cố bảo mật'],
    ]);
    const page = await (await fetch(`${t.daemon.url}/api/v1/public/incidents/${declared.body.incident}`)).text();
    expect(page).toContain('Unauthorised access to exported reports');
    for (const secret of ['Sao Mai', 'Hanoi Logistics', 'C-1', 'C-2', 'saomai.example']) expect(page).not.toContain(secret);
    const audit = await t.db.db.selectFrom('audit_log').select(['actor', 'action', 'after']).where('action', '=', 'security.declare').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'ops-a' });
  });
});
