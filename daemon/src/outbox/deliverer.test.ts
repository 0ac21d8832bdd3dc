import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds, openTestDatabase } from '../db/testing.ts';
import type { OpenedDatabase } from '../db/open.ts';
import type { Logger } from '../logger.ts';
import { createDeliverer, retryDelay } from './deliverer.ts';
import { createEmailSender } from './email.ts';
import { claimDue, enqueue, listMessages, type NewOutboxMessage } from './outbox.repository.ts';
import { smtpSink } from './testing/smtp-sink.ts';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const T0 = Date.parse('2026-03-02T02:00:00Z');

const message = (key: string, to = 'ops@customer.example'): NewOutboxMessage => ({
  idempotency_key: key,
  channel: 'email',
  recipient: to,
  subject: 'Bảo trì máy chủ / Server maintenance',
  body_text: 'The web application is read-only on 2026-03-04 01:00–03:00 (GMT+7).',
  body_html: '<p>The web application is read-only on 2026-03-04 01:00–03:00 (GMT+7).</p>',
  cause: 'maintenance:1',
});

describe('retryDelay', () => {
  it('doubles from the first delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 10, 30].map((n) => retryDelay(n, 30_000, 3_600_000))).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
  });
});

// Issue #15: a message is a row first, then delivered over real SMTP; the row
// says when the server accepted it, and nothing is lost or sent twice.
describe.each(testDatabaseKinds())('the outbox on %s, delivering to a real SMTP server', (kind) => {
  let t: OpenedDatabase;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let clock = T0;
  let email: ReturnType<typeof createEmailSender>;
  const deliverer = (maxAttempts = 3) => createDeliverer({ db: t.db, now: () => clock, senders: { email }, logger: quiet, maxAttempts });
  const row = async (key: string) => (await listMessages(t.db)).find((m) => m.idempotency_key === key)!;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    sink = await smtpSink();
    email = createEmailSender({ host: '127.0.0.1', port: sink.port, secure: false, requireTls: false, from: 'SLA Ledger <status@vendor.example>', timeoutMs: 5_000 }, () => clock);
  });
  afterAll(async () => {
    email?.close();
    await sink?.close();
    await t?.close();
  });

  it('sends a message queued twice once, and records when the server accepted it', async () => {
    await enqueue(t.db, [message('notice:1:a')], new Date(clock));
    await enqueue(t.db, [message('notice:1:a')], new Date(clock));
    clock += 1_000;
    expect(await deliverer().deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(await deliverer().deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    const mails = sink.received.filter((m) => m.messageId === '<notice%3A1%3Aa@vendor.example>');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ subject: 'Bảo trì máy chủ / Server maintenance', text: expect.stringContaining('read-only on 2026-03-04') });
    expect(await row('notice:1:a')).toMatchObject({ state: 'delivered', attempts: 1, delivered_at: new Date(clock), last_error: null });
  });

  it('retries a temporary refusal with backoff, then delivers', async () => {
    sink.refuseWith((to) => (to === 'later@customer.example' ? { code: 451, text: 'try again later' } : undefined));
    await enqueue(t.db, [message('notice:2:a', 'later@customer.example')], new Date(clock));
    expect(await deliverer().deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(await row('notice:2:a')).toMatchObject({ state: 'pending', attempts: 1, next_attempt_at: new Date(clock + 30_000), last_error: expect.stringMatching(/^SMTP 451/) });
    clock += 29_000;
    expect(await deliverer().deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    sink.refuseWith(undefined);
    clock += 1_000;
    expect(await deliverer().deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(await row('notice:2:a')).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('gives up at once on a permanent refusal, and after the last attempt on a temporary one', async () => {
    sink.refuseWith((to) => (to === 'nobody@customer.example' ? { code: 550, text: 'no such user' } : to === 'full@customer.example' ? { code: 452, text: 'mailbox full' } : undefined));
    await enqueue(t.db, [message('notice:3:a', 'nobody@customer.example'), message('notice:3:b', 'full@customer.example')], new Date(clock));
    expect(await deliverer(2).deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 1 });
    expect(await row('notice:3:a')).toMatchObject({ state: 'failed', attempts: 1, last_error: expect.stringMatching(/^SMTP 550/) });
    clock += 30_000;
    expect(await deliverer(2).deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 1 });
    expect(await row('notice:3:b')).toMatchObject({ state: 'failed', attempts: 2 });
    sink.refuseWith(undefined);
  });

  it('sends again, as the same message, what a deliverer claimed and never finished (a crash mid-send)', async () => {
    await enqueue(t.db, [message('notice:4:a')], new Date(clock));
    const [claimed] = await claimDue(t.db, new Date(clock), 10, 300_000); // and then the process died
    expect(claimed).toMatchObject({ idempotency_key: 'notice:4:a', attempts: 1 });
    expect(await deliverer().deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 }); // still leased
    clock += 300_000;
    expect(await deliverer().deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(sink.received.filter((m) => m.messageId === '<notice%3A4%3Aa@vendor.example>')).toHaveLength(1);
  });

  it('keeps a message when the server cannot be reached, as a retry with the reason', async () => {
    const away = createEmailSender({ host: '127.0.0.1', port: 9, secure: false, requireTls: false, from: 'status@vendor.example', timeoutMs: 2_000 }, () => clock);
    await enqueue(t.db, [message('notice:5:a')], new Date(clock));
    const round = await createDeliverer({ db: t.db, now: () => clock, senders: { email: away }, logger: quiet }).deliverDue();
    away.close();
    expect(round).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(await row('notice:5:a')).toMatchObject({ state: 'pending', last_error: expect.stringMatching(/^ECONNREFUSED|^ESOCKET|^ECONNECTION/) });
  });
});
