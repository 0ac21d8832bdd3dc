import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertMessages } from './alerts.ts';
import type { OutboxMessage } from './outbox.repository.ts';
import { createSlackSender } from './slack.ts';
import { webhookReceiver } from './testing/webhook-receiver.ts';
import { createWebhookSender } from './webhook.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const parsed = parseConfig(
  [
    'components:',
    '  - { id: web, name: Web, tier: core }',
    'notify:',
    `  webhooks:`,
    '    - { id: ops-hook, url: "https://hooks.vendor.example/sla", secretEnv: SLA_HOOK_SECRET, events: [maintenance.announced] }',
    '  alerts:',
    '    - { id: mail-en, events: [outage.opened], lang: en, to: { email: oncall@vendor.example } }',
    '    - { id: hook, events: [outage.opened, outage.closed], to: { webhook: ops-hook } }',
    '    - { id: chat, events: [outage.closed], to: { slack: { urlEnv: SLA_SLACK_URL } } }',
    '',
  ].join('\n'),
  'alerts.yaml',
  { SLA_HOOK_SECRET: SECRET, SLA_SLACK_URL: 'http://127.0.0.1:9/' },
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const routes = parsed.config.notify.alerts;
const at = new Date('2026-12-07T03:00:00Z');
const facts = { outageId: 7, componentId: 'web', impact: 'major_outage', startedAt: '2026-12-07T02:58:00.000Z' };

// Issue #15: one message per route that takes the event, on its channel, in its language, keyed by event + fact + route.
describe('alertMessages', () => {
  it('routes an event to each route that takes it, and only those', () => {
    const messages = alertMessages(routes, 'outage.opened', 7, facts, at);
    expect(messages.map((m) => [m.idempotency_key, m.channel, m.recipient, m.cause])).toEqual([
      ['alert:outage.opened:7:mail-en', 'email', 'oncall@vendor.example', 'alert:outage.opened'],
      ['alert:outage.opened:7:hook', 'webhook', 'ops-hook', 'alert:outage.opened'],
    ]);
    expect(messages[0]!.subject).toBe('[SLA] Outage: web (major_outage)');
    expect(messages[0]!.body_text).toBe('Outage: web (major_outage)\n\nOutage #7 started at 2026-12-07T02:58:00.000Z.');
    // A webhook alert is the fact as JSON, whatever `events` the endpoint takes of maintenance notices.
    expect(JSON.parse(messages[1]!.body_text)).toEqual({ type: 'alert.outage.opened', timestamp: at.toISOString(), data: facts });
  });
});

describe('the Slack-compatible sender and a webhook alert, to real loopback receivers', () => {
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  beforeAll(async () => {
    receiver = await webhookReceiver(SECRET);
  });
  afterAll(() => receiver?.close());
  const row = (m: ReturnType<typeof alertMessages>[number]) => ({ ...m, id: '1', state: 'pending', attempts: 1, next_attempt_at: at, last_error: null, delivered_at: null, created_at: at }) as OutboxMessage;

  it('POSTs the { text, blocks } JSON as it is, unsigned; a non-2xx answer is retried with its status', async () => {
    const [message] = alertMessages(routes, 'outage.closed', 7, { ...facts, endedAt: '2026-12-07T03:10:00.000Z' }, at).filter((m) => m.channel === 'slack');
    const send = createSlackSender([{ id: 'chat', url: receiver.url }], () => at.getTime());
    expect(await send(row(message!))).toEqual({ ok: true, acceptedAt: at });
    const got = receiver.received.at(-1)!;
    expect(JSON.parse(got.body)).toEqual({
      text: 'Đã khắc phục: web\nSự cố #7 (major_outage) từ 2026-12-07T02:58:00.000Z đến 2026-12-07T03:10:00.000Z.',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Đã khắc phục: web*\nSự cố #7 (major_outage) từ 2026-12-07T02:58:00.000Z đến 2026-12-07T03:10:00.000Z.' } }],
    });
    expect(got.headers['webhook-signature']).toBeUndefined();
    receiver.answerWith(500);
    expect(await send(row(message!))).toEqual({ ok: false, reason: 'HTTP 500', permanent: false });
    receiver.answerWith(204);
  });

  it('signs a webhook alert as any webhook, its id the alert key', async () => {
    const [message] = alertMessages(routes, 'outage.opened', 7, facts, at).filter((m) => m.channel === 'webhook');
    const send = createWebhookSender([{ id: 'ops-hook', url: receiver.url, secret: SECRET, timeoutMs: 5_000 }], Date.now);
    expect((await send(row(message!))).ok).toBe(true);
    const got = receiver.received.at(-1)!;
    expect(got.headers['webhook-id']).toBe('alert:outage.opened:7:hook');
    expect(got.verified).toEqual({ type: 'alert.outage.opened', timestamp: at.toISOString(), data: facts });
  });
});
