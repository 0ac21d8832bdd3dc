import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@sla/shared';
import { enqueue, listMessages } from '../daemon/src/outbox/outbox.repository.ts';
import { startOutbox } from '../daemon/src/outbox/start.ts';
import { smtpSink } from '../daemon/src/outbox/testing/smtp-sink.ts';
import { openTestDatabase } from '../daemon/src/db/testing.ts';
import type { OpenedDatabase } from '../daemon/src/db/open.ts';
import { waitFor } from './support/daemon-process.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

const notifyYaml = (port: number, auth = '') =>
  `components:\n  - { id: web, name: Web, tier: core }\nnotify:\n  email:\n    from: "Status <status@vendor.example>"\n    smtp: { host: 127.0.0.1, port: ${port}, requireTls: false${auth} }\n`;
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
    const parsed = parseConfig(notifyYaml(25, ', user: status, passwordEnv: SLA_SMTP_PASSWORD'), 'sla.yaml');
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
