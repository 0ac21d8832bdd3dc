import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import type { Logger } from '../logger.ts';
import { createDeliverer } from './deliverer.ts';
import { enqueue, listMessages, type NewOutboxMessage } from './outbox.repository.ts';
import { webhookReceiver } from './testing/webhook-receiver.ts';
import { createWebhookSender } from './webhook.ts';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const verifier = new Webhook(SECRET);

const message = (key: string, endpoint = 'ops'): NewOutboxMessage => ({
  idempotency_key: key,
  channel: 'webhook',
  recipient: endpoint,
  subject: 'maintenance.announced',
  body_text: JSON.stringify({ type: 'maintenance.announced', data: { id: 1, title: 'Server maintenance' } }),
  body_html: null,
  cause: 'maintenance:1',
});

// Issue #15: a webhook is POSTed to a real loopback receiver that verifies the
// Standard Webhooks signature with the same library; 2xx is delivered, the rest retried.
describe.each(testDatabaseKinds())('webhooks through the outbox on %s', (kind) => {
  let t: OpenedDatabase;
  // The library checks the timestamp against the real time: the injected clock starts there.
  let clock = Date.now();
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  let url = '';
  const deliverer = () =>
    createDeliverer({ db: t.db, now: () => clock, senders: { webhook: createWebhookSender([{ id: 'ops', url, secret: SECRET, timeoutMs: 5_000 }], () => clock) }, logger: quiet, maxAttempts: 2 });
  const row = async (key: string) => (await listMessages(t.db)).find((m) => m.idempotency_key === key)!;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    receiver = await webhookReceiver(SECRET);
    url = receiver.url;
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  it('POSTs the JSON signed, as webhook-id the idempotency key; 2xx is delivered, once', async () => {
    await enqueue(t.db, [message('hook:1')], new Date(clock));
    expect(await deliverer().deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(await deliverer().deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    const got = receiver.received.filter((r) => r.headers['webhook-id'] === 'hook:1');
    expect(got).toHaveLength(1);
    expect(got[0]!.verified).toEqual({ type: 'maintenance.announced', data: { id: 1, title: 'Server maintenance' } });
    expect(got[0]!.headers['webhook-signature']).toMatch(/^v1,/);
    expect(await row('hook:1')).toMatchObject({ state: 'delivered', attempts: 1, delivered_at: new Date(clock), recipient: 'ops' });
  });

  it('a body changed after signing fails verification with the same library', () => {
    const got = receiver.received.find((r) => r.headers['webhook-id'] === 'hook:1')!;
    const headers = got.headers as Record<string, string>;
    expect(() => verifier.verify(got.body.replace('Server', 'Sever'), headers)).toThrow(/signature/i);
    expect(() => new Webhook('whsec_dGhlIHdyb25nIHNlY3JldA==').verify(got.body, headers)).toThrow(/signature/i);
  });

  it('retries any other answer with backoff and gives up after the limit; the row never holds the URL or secret', async () => {
    receiver.answerWith(500);
    await enqueue(t.db, [message('hook:2')], new Date(clock));
    expect(await deliverer().deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(await row('hook:2')).toMatchObject({ state: 'pending', next_attempt_at: new Date(clock + 30_000), last_error: 'HTTP 500' });
    clock += 30_000;
    expect(await deliverer().deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 1 });
    const stored = JSON.stringify(await listMessages(t.db));
    expect(stored).not.toContain(SECRET.slice(6));
    expect(stored).not.toContain(url);
    receiver.answerWith(204);
  });

  it('keeps a message for an endpoint not (or no longer) configured, as a retry with the reason', async () => {
    await enqueue(t.db, [message('hook:3', 'gone')], new Date(clock));
    expect(await deliverer().deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(await row('hook:3')).toMatchObject({ state: 'pending', last_error: 'no webhook endpoint gone is configured' });
  });
});
