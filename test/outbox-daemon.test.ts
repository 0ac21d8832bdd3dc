import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@sla/shared';
import { enqueue, listMessages } from '../daemon/src/outbox/outbox.repository.ts';
import { startOutbox } from '../daemon/src/outbox/start.ts';
import { smtpSink } from '../daemon/src/outbox/testing/smtp-sink.ts';
import { webhookReceiver } from '../daemon/src/outbox/testing/webhook-receiver.ts';
import { openTestDatabase } from '../daemon/src/db/testing.ts';
import type { OpenedDatabase } from '../daemon/src/db/open.ts';
import { waitFor } from './support/daemon-process.ts';
import { operator, type Operator } from './support/operator-client.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

const notifyYaml = (port: number, auth = '') =>
  `components:\n  - { id: web, name: Web, tier: core }\nnotify:\n  email:\n    from: "Status <status@vendor.example>"\n    smtp: { host: 127.0.0.1, port: ${port}, requireTls: false${auth} }\n`;
const NOW = Date.parse('2026-03-02T09:00:00+07:00');
/** The outbox's safety-net poll in the tests below: what arrives within a test came from the create's ring, not the poll (issue #15). */
const HOUR = 3_600_000;
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

  it('counts its messages by channel and state on /metrics, with no recipient in them', async () => {
    sink.refuseWith((to) => (to === 'gone@customer.example' ? { code: 550, text: 'No such user' } : undefined));
    await enqueue(t.db.db, [{ idempotency_key: 'k-2', channel: 'email', recipient: 'gone@customer.example', subject: 'Hello', body_text: 'A notice.', body_html: null, cause: 'test' }], new Date());
    const text = await waitFor('the failed message on /metrics', async () => {
      const body = await (await fetch(`${t.daemon.url}/metrics`)).text();
      return body.includes('sla_outbox_messages{channel="email",state="failed"} 1') ? body : undefined;
    });
    const lines = text.split('\n').filter((l) => l.startsWith('sla_outbox_messages'));
    expect(lines).toEqual([
      'sla_outbox_messages{channel="email",state="pending"} 0',
      'sla_outbox_messages{channel="email",state="delivered"} 1',
      'sla_outbox_messages{channel="email",state="failed"} 1',
      'sla_outbox_messages{channel="email",state="cancelled"} 0',
      'sla_outbox_messages{channel="webhook",state="pending"} 0',
      'sla_outbox_messages{channel="webhook",state="delivered"} 0',
      'sla_outbox_messages{channel="webhook",state="failed"} 0',
      'sla_outbox_messages{channel="webhook",state="cancelled"} 0',
      'sla_outbox_messages{channel="slack",state="pending"} 0',
      'sla_outbox_messages{channel="slack",state="delivered"} 0',
      'sla_outbox_messages{channel="slack",state="failed"} 0',
      'sla_outbox_messages{channel="slack",state="cancelled"} 0',
    ]);
    expect(text).not.toContain('customer.example');
  });
});

describe('notify.email configuration', () => {
  let db: OpenedDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(() => db?.close());

  it('refuses to start without the password variable it names, naming the variable', async () => {
    const yaml = notifyYaml(25, ', user: status, passwordEnv: SLA_SMTP_PASSWORD');
    const unchecked = parseConfig(yaml, 'sla.yaml');
    expect(unchecked.ok || unchecked.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['notify.email.smtp.passwordEnv: environment variable SLA_SMTP_PASSWORD is not set']);
    // Checked where the variable was set, started where it is not: the outbox still refuses.
    const parsed = parseConfig(yaml, 'sla.yaml', { SLA_SMTP_PASSWORD: 'pw' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    await expect(startOutbox({ db: db.db, config: parsed.config.notify, now: Date.now, logger: quiet, env: {} })).rejects.toThrow(
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
    t = await startTestDaemon('pglite', notifyYaml(sink.port).replace('components:\n', 'components:\n  - { id: billing, name: Billing, tier: core }\n'), { clock: { now: () => NOW, monotonic: () => performance.now() }, outboxPollMs: HOUR });
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

  it('e-mails each contact of the covered contracts in their language at once, and records the delivery as the notice', async () => {
    const created = await ops.post('/api/v1/maintenance', { kind: 'infrastructure', title: 'Database upgrade', components: ['web'], startsAt: '2026-03-04T01:00:00+07:00', endsAt: '2026-03-04T03:00:00+07:00' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const window = await waitFor('the delivered notice', async () => {
      const w = (await ops.get(`/api/v1/maintenance/${id}`)).body;
      return w.notices.some((n: { channel: string }) => n.channel === 'email') ? w : undefined;
    });
    expect(window.notices).toEqual([
      { sentAt: new Date(NOW).toISOString(), channel: 'status_page', provenance: 'declared', recordedBy: 'ops-a' },
      { sentAt: new Date(NOW).toISOString(), channel: 'email', provenance: 'delivered', recordedBy: 'outbox (announce)' },
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

// Issue #15: a window announced by webhook and then cancelled sends the
// endpoint a signed maintenance.cancelled, verified here by the library
// receivers use; both arrive at once (the poll is an hour away).
describe('maintenance webhooks, announced and cancelled', () => {
  const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  beforeAll(async () => {
    receiver = await webhookReceiver(SECRET);
    const yaml = `components:\n  - { id: web, name: Web, tier: core }\nnotify:\n  webhooks:\n    - { id: ops-hook, url: "${receiver.url}", secretEnv: SLA_HOOK_SECRET }\n`;
    // The real clock: the library refuses a signature whose timestamp is 5 minutes off the time it reads.
    t = await startTestDaemon('pglite', yaml, { outboxPollMs: HOUR, env: { SLA_HOOK_SECRET: SECRET } });
    ops = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
  });
  afterAll(async () => {
    await t?.stop();
    await receiver?.close();
  });

  it('sends the announcement, then on cancel a cancellation signed the same way, from the same outbox', async () => {
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const endsAt = new Date(Date.parse(startsAt) + 2 * HOUR).toISOString();
    const created = await ops.post('/api/v1/maintenance', { kind: 'infrastructure', title: 'Database upgrade', components: ['web'], startsAt, endsAt });
    expect(created.status).toBe(201);
    const id: number = created.body.id;
    const event = (type: string) => async () => receiver.received.find((r) => (r.verified as { type?: string }).type === type);
    const announced = await waitFor('the announcement', event('maintenance.announced'));
    expect(announced.headers['webhook-id']).toBe(`maintenance:${id}:announce:webhook:ops-hook`);
    // Delivered is recorded just after the receiver answered: cancel once the row says so, as an operator would.
    await waitFor('the announcement delivered', async () => (await listMessages(t.db.db, { cause: `maintenance:${id}`, state: 'delivered' }))[0]);
    const cancelled = await ops.post(`/api/v1/maintenance/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    const cancellation = await waitFor('the cancellation', event('maintenance.cancelled'));
    expect(cancellation.headers['webhook-id']).toBe(`maintenance:${id}:cancel:webhook:ops-hook`);
    expect(cancellation.headers['webhook-signature']).toMatch(/^v1,/);
    expect(cancellation.verified).toEqual({
      type: 'maintenance.cancelled',
      timestamp: cancelled.body.cancelledAt,
      data: { id, kind: 'infrastructure', title: 'Database upgrade', description: '', components: ['web'], startsAt, endsAt, cancelledAt: cancelled.body.cancelledAt },
    });
    // Signed with the endpoint's secret: another secret's check refuses it.
    expect(receiver.verifiedWith('whsec_dGhlIHdyb25nIHNlY3JldA==', cancellation)).toEqual(expect.objectContaining({ message: expect.stringMatching(/signature/i) }));
    const rows = await waitFor('both delivered', async () => {
      const all = await listMessages(t.db.db, { cause: `maintenance:${id}` });
      return all.every((m) => m.state === 'delivered') ? all : undefined;
    });
    expect(rows.map((m) => [m.idempotency_key, m.state])).toEqual([
      [`maintenance:${id}:announce:webhook:ops-hook`, 'delivered'],
      [`maintenance:${id}:cancel:webhook:ops-hook`, 'delivered'],
    ]);
  });
});
