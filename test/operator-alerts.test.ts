import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type Daemon } from '../daemon/src/daemon.ts';
import type { OpenedDatabase } from '../daemon/src/db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { listMessages } from '../daemon/src/outbox/outbox.repository.ts';
import { smtpSink } from '../daemon/src/outbox/testing/smtp-sink.ts';
import { webhookReceiver } from '../daemon/src/outbox/testing/webhook-receiver.ts';
import { testClock } from '../daemon/src/testing/clock.ts';
import { waitFor } from './support/daemon-process.ts';
import { switchableTarget } from './support/switchable-target.ts';

/** The outbox's safety-net poll: what arrives came from the tracker's ring (PGlite) or NOTIFY (PostgreSQL), not the poll. */
const HOUR = 3_600_000;
const quiet = { info: () => {}, warn: () => {}, error: (m: string, e?: unknown) => console.error(m, e) };
const yaml = (smtpPort: number, target: string) =>
  [
    'components:',
    '  - { id: web, name: Web, tier: core }',
    'monitors:',
    `  - { id: web-http, component: web, kind: http, target: "${target}", interval: 100ms, timeout: 80ms }`,
    'detection: { failuresToOpen: 2, successesToClose: 2 }',
    'notify:',
    '  email:',
    '    from: "Status <status@vendor.example>"',
    `    smtp: { host: 127.0.0.1, port: ${smtpPort}, requireTls: false }`,
    '  alerts:',
    '    - { id: oncall, events: [outage.opened, outage.closed], lang: en, to: { email: oncall@vendor.example } }',
    '    - { id: chat, events: [outage.opened, outage.closed], to: { slack: { urlEnv: SLA_ALERTS_SLACK_URL } } }',
    '',
  ].join('\n');

// Issue #15: an outage the daemon opens and closes reaches the operators'
// e-mail route and their Slack-compatible chat once each, across a restart.
describe.each(testDatabaseKinds())("operators' outage alerts from an in-process daemon on %s", (kind) => {
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let chat: Awaited<ReturnType<typeof webhookReceiver>>;
  let target: Awaited<ReturnType<typeof switchableTarget>>;
  let db: OpenedDatabase;
  let daemon: Daemon | undefined;
  beforeAll(async () => {
    [sink, chat, target, db] = await Promise.all([smtpSink(), webhookReceiver('whsec_dW51c2Vk'), switchableTarget(), openTestDatabase(kind)]);
  });
  afterAll(async () => {
    await daemon?.stop();
    await Promise.all([sink?.close(), chat?.close(), target?.close()]);
    await db?.close();
  });
  const start = async () => {
    const env = { SLA_ALERTS_SLACK_URL: chat.url };
    const parsed = parseConfig(yaml(sink.port, target.url), 'alerts.yaml', env);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return startDaemon({ config: parsed.config, db: db.db, clock: testClock(), logger: quiet, port: 0, statusSite: false, outboxPollMs: HOUR, env });
  };
  const delivered = async (n: number) => {
    const rows = (await listMessages(db.db)).filter((m) => m.cause.startsWith('alert:outage.') && m.state === 'delivered');
    return rows.length >= n && sink.received.length >= n / 2 && chat.received.length >= n / 2 ? rows : undefined;
  };

  it('tells the e-mail route and the chat of the outage opened and closed, once each, even after a restart', async () => {
    daemon = await start();
    target.setUp(false);
    await waitFor('the outage opened alerts', () => delivered(2), 15_000);
    target.setUp(true);
    await waitFor('the outage closed alerts', () => delivered(4), 15_000);
    await daemon.stop();
    daemon = await start();
    // The restarted daemon has probed the service, up, several times and delivered what it had to.
    await waitFor('probes after the restart', async () => (target.answeredSinceSwitch() >= 8 ? true : undefined), 15_000);
    await waitFor('another delivery round', async () => ((await listMessages(db.db, { state: 'pending' })).length === 0 ? true : undefined));

    expect(sink.received.map((m) => [m.subject, (m.to as { text: string }).text])).toEqual([
      ['[SLA] Outage: web (major_outage)', 'oncall@vendor.example'],
      ['[SLA] Resolved: web', 'oncall@vendor.example'],
    ]);
    const posts = chat.received.map((r) => JSON.parse(r.body));
    expect(posts.map((p) => p.text.split('\n')[0])).toEqual(['Sự cố: web (major_outage)', 'Đã khắc phục: web']);
    expect(posts[0].blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: expect.stringMatching(/^\*Sự cố: web \(major_outage\)\*\nSự cố #\d+ bắt đầu lúc /) } });
    // A plain POST: no Standard Webhooks headers.
    expect(chat.received.every((r) => r.headers['webhook-signature'] === undefined)).toBe(true);
    expect((await listMessages(db.db)).filter((m) => m.cause.startsWith('alert:')).map((m) => m.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
  });
});
