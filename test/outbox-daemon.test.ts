import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@sla/shared';
import { enqueue, listMessages } from '../daemon/src/outbox/outbox.repository.ts';
import { startOutbox } from '../daemon/src/outbox/start.ts';
import { smtpSink } from '../daemon/src/outbox/testing/smtp-sink.ts';
import { openTestDatabase } from '../daemon/src/db/testing.ts';
import type { OpenedDatabase } from '../daemon/src/db/open.ts';
import { waitFor } from './support/daemon-process.ts';
import { operator, type Operator } from './support/operator-client.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

const notifyYaml = (port: number, auth = '') =>
  `components:\n  - { id: web, name: Web, tier: core }\nnotify:\n  email:\n    from: "Status <status@vendor.example>"\n    smtp: { host: 127.0.0.1, port: ${port}, requireTls: false${auth} }\n`;
const NOW = Date.parse('2026-03-02T09:00:00+07:00');
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

// Issue #15: with notify.email configured, the running daemon delivers what
// the outbox holds, including what was queued before it started.
describe('the daemon delivers its outbox', () => {
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  beforeAll(async () => {
    sink = await smtpSink();
  });
  afterAll(async () => {
    await t?.stop();
    await sink?.close();
  });

  it('sends a message queued in its database over the configured SMTP server', async () => {
    t = await startTestDaemon('pglite', notifyYaml(sink.port));
    await enqueue(t.db.db, [{ idempotency_key: 'k-1', channel: 'email', recipient: 'ops@customer.example', subject: 'Hello', body_text: 'A notice.', body_html: null, cause: 'test' }], new Date());
    const sent = await waitFor('delivery', async () => (await listMessages(t.db.db)).find((m) => m.state === 'delivered'));
    expect(sent.idempotency_key).toBe('k-1');
    expect(sink.received.map((m) => m.subject)).toEqual(['Hello']);
  });
});

describe('notify.email configuration', () => {
  let db: OpenedDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(() => db?.close());

  it('refuses to start without the password variable it names, naming the variable', () => {
    const yaml = notifyYaml(25, ', user: status, passwordEnv: SLA_SMTP_PASSWORD');
    const unchecked = parseConfig(yaml, 'sla.yaml');
    expect(unchecked.ok || unchecked.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['notify.email.smtp.passwordEnv: environment variable SLA_SMTP_PASSWORD is not set']);
    // Checked where the variable was set, started where it is not: the outbox still refuses.
    const parsed = parseConfig(yaml, 'sla.yaml', { SLA_SMTP_PASSWORD: 'pw' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(() => startOutbox({ db: db.db, config: parsed.config.notify, now: Date.now, logger: quiet, env: {} })).toThrow(
      'notify.email.smtp.passwordEnv: the environment variable SLA_SMTP_PASSWORD is not set',
    );
  });

  it('reports a user without a password variable as a config problem', () => {
    const parsed = parseConfig(notifyYaml(25, ', user: status'), 'sla.yaml');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['notify.email.smtp.passwordEnv: user and passwordEnv go together']);
  });
});

// Issue #15, SLA §C.1: creating a window tells the covered contracts' contacts
// by e-mail, and the instant the server accepted it is the notice the engine judges.
describe('maintenance notices sent by the product', () => {
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  beforeAll(async () => {
    sink = await smtpSink();
    t = await startTestDaemon('pglite', notifyYaml(sink.port).replace('components:\n', 'components:\n  - { id: billing, name: Billing, tier: core }\n'), { clock: { now: () => NOW, monotonic: () => performance.now() } });
    ops = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
    for (const [id, components] of [['C-web', ['web']], ['C-billing', ['billing']]] as const)
      expect((await ops.post('/api/v1/contracts', { id, customer: `Customer ${id}`, annualFeeVnd: '73000000', components })).status).toBe(201);
    expect((await ops.post('/api/v1/contracts/C-web/contacts', { email: 'it@web-customer.example', lang: 'vi' })).status).toBe(200);
    expect((await ops.post('/api/v1/contracts/C-web/contacts', { email: 'cto@web-customer.example', lang: 'en' })).status).toBe(200);
    expect((await ops.post('/api/v1/contracts/C-billing/contacts', { email: 'it@billing-customer.example' })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.stop();
    await sink?.close();
  });

  it('e-mails each contact of the covered contracts in their language, and records the delivery as the notice', async () => {
    const created = await ops.post('/api/v1/maintenance', { kind: 'infrastructure', title: 'Database upgrade', components: ['web'], startsAt: '2026-03-04T01:00:00+07:00', endsAt: '2026-03-04T03:00:00+07:00' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const window = await waitFor('the delivered notice', async () => {
      const w = (await ops.get(`/api/v1/maintenance/${id}`)).body;
      return w.notices.some((n: { channel: string }) => n.channel === 'email') ? w : undefined;
    });
    expect(window.notices).toEqual([
      { sentAt: new Date(NOW).toISOString(), channel: 'status_page', recordedBy: 'ops-a' },
      { sentAt: new Date(NOW).toISOString(), channel: 'email', recordedBy: 'outbox (announce)' },
    ]);
    const mails = await waitFor('both mails', async () => {
      const about = sink.received.filter((m) => m.subject?.includes('Database upgrade'));
      return about.length === 2 ? about : undefined;
    });
    expect(mails.map((m) => [(m.to as { text: string }).text, m.subject]).sort()).toEqual([
      ['cto@web-customer.example', '[Maintenance] Database upgrade'],
      ['it@web-customer.example', '[Bảo trì] Database upgrade'],
    ]);
    expect(mails.find((m) => m.subject?.startsWith('[Bảo trì]'))!.text).toContain('bảo trì hạ tầng (web) từ 01:00 4/3/2026');
    expect((await ops.get(`/api/v1/maintenance/${id}/verdicts`)).body.verdicts).toEqual([{ contract: 'C-web', valid: true, violations: [] }]);
  });

  it('queues the second notice a version upgrade needs, and withdraws it when the window is cancelled', async () => {
    const created = await ops.post('/api/v1/maintenance', { kind: 'version_upgrade', title: 'Version 7', components: ['billing'], startsAt: '2026-03-12T01:00:00+07:00', endsAt: '2026-03-12T03:00:00+07:00' });
    const id = created.body.id;
    const reminder = async () => (await listMessages(t.db.db, { cause: `maintenance:${id}` })).find((m) => m.idempotency_key.includes(':reminder:'))!;
    expect(await reminder()).toMatchObject({ recipient: 'it@billing-customer.example', state: 'pending', next_attempt_at: new Date(Date.parse('2026-03-12T01:00:00+07:00') - 25 * 3_600_000) });
    expect((await ops.post(`/api/v1/maintenance/${id}/cancel`)).status).toBe(200);
    expect((await reminder()).state).toBe('cancelled');
    const listed = (await ops.get(`/api/v1/outbox?cause=maintenance:${id}&state=cancelled`)).body.messages;
    expect(listed).toContainEqual(expect.objectContaining({ key: `maintenance:${id}:reminder:it@billing-customer.example`, recipient: 'it@billing-customer.example', state: 'cancelled', nextAttemptAt: null, deliveredAt: null }));
  });
});
