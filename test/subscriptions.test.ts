import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { listMessages } from '../daemon/src/outbox/outbox.repository.ts';
import { smtpSink } from '../daemon/src/outbox/testing/smtp-sink.ts';
import { waitFor } from './support/daemon-process.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

const KEY = 'a-test-key-of-at-least-32-characters!';
const yaml = (port: number) =>
  `components:\n  - { id: api, name: API, tier: core }\n  - { id: web, name: Web, tier: core }\nnotify:\n  subscriptions: { secretEnv: SLA_SUBSCRIPTION_KEY, requestsPerMinute: 20 }\n  email:\n    from: "Status <status@vendor.example>"\n    smtp: { host: 127.0.0.1, port: ${port}, requireTls: false }\n`;
/** A header's raw value as it arrived (mailparser folds the List-* headers into one `list` object). */
const header = (mail: ParsedMail, key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, '');
const linkIn = (text: string, path: string) => new RegExp(`(http://\\S+/subscriptions/${path}\\?token=\\S+)`).exec(text)?.[1];

// Issue #15: subscription by e-mail with double opt-in, through the API and
// the links mailed, on each engine (the page part: test/browser-subscribe.test.ts).
describe.each(testDatabaseKinds())('e-mail subscriptions on %s', (kind) => {
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let admin: Operator;
  const subscribe = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${t.daemon.url}/api/v1/public/subscriptions`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body), redirect: 'manual' });
  const mailTo = (address: string, subject?: RegExp) => waitFor(`mail to ${address}`, async () => [...sink.received].reverse().find((m) => m.to !== undefined && JSON.stringify(m.to).includes(address) && (subject === undefined || subject.test(m.subject ?? ''))));

  beforeAll(async () => {
    sink = await smtpSink();
    t = await startTestDaemon(kind, yaml(sink.port), { env: { SLA_SUBSCRIPTION_KEY: KEY } });
    admin = await operator(t.db.db, t.daemon.url, 'an-operator', 'operator');
  });
  afterAll(async () => {
    await t?.stop();
    await sink?.close();
  });

  it('answers a known and an unknown address alike, and mails one confirmation with List-Unsubscribe', async () => {
    const first = await subscribe({ email: 'reader@example.vn', components: ['api'], lang: 'en' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'requested' });
    const again = await subscribe({ email: 'reader@example.vn', components: ['api'], lang: 'en' });
    expect([again.status, await again.json()]).toEqual([200, { status: 'requested' }]);
    const mail = await mailTo('reader@example.vn');
    expect(mail.subject).toBe('Confirm your subscription to the status page');
    expect(header(mail, 'list-unsubscribe')).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/subscriptions\/unsubscribe\?token=unsubscribe\.\d+\.[\w-]{43}>$/);
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect((await listMessages(t.db.db)).filter((m) => m.recipient === 'reader@example.vn')).toHaveLength(1);
  });

  it('refuses an unknown component and a malformed address with their paths', async () => {
    const bad = await subscribe({ email: 'not an address', components: ['nope'] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: string[] } }).error.details).toEqual(['email: must be an e-mail address']);
    const unknown = await subscribe({ email: 'x@example.vn', components: ['nope'] });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('nope');
  });

  it('takes the page’s form and answers with a redirect to the inbox page', async () => {
    const r = await subscribe('email=form%40example.vn&components=all&lang=vi', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/subscriptions/requested?lang=vi');
    const mail = await mailTo('form@example.vn');
    expect(mail.subject).toBe('Xác nhận đăng ký nhận thông báo từ trang trạng thái');
  });

  it('confirmed subscribers of the affected component receive an update; after one-click unsubscribe, nothing', async () => {
    const confirm = linkIn((await mailTo('reader@example.vn')).text!, 'confirm')!;
    expect(await (await fetch(confirm.replace('confirm.', 'confirm.9'))).status).toBe(400);
    const confirmed = await fetch(confirm);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Subscription confirmed');
    // A confirmed address asked for again: the same answer, and no mail (nor a change of its components).
    const known = await subscribe({ email: 'reader@example.vn', components: ['web'], lang: 'vi' });
    expect([known.status, await known.json()]).toEqual([200, { status: 'requested' }]);
    const incident = await admin.post('/api/v1/incidents', { title: 'API errors', impact: 'major', body: 'We are looking into it.', components: ['api'] });
    expect(incident.status).toBe(201);
    const update = await mailTo('reader@example.vn', /API errors/);
    expect(update.subject).toBe('[Investigating] API errors');
    expect(update.text).toContain('We are looking into it.');
    // Pending (form@, never confirmed) receives nothing; a web-only incident does not reach an api subscriber.
    await admin.post('/api/v1/incidents', { title: 'Web slow', impact: 'minor', body: 'Slow pages.', components: ['web'] });
    const unsubscribeUrl = header(update, 'list-unsubscribe')!.slice(1, -1);
    expect(await (await fetch(unsubscribeUrl)).text()).toContain('<form method="post"');
    const oneClick = await fetch(unsubscribeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    await admin.post(`/api/v1/incidents/${incident.body.id}/updates`, { status: 'resolved', body: 'Fixed.' });
    const messages = await listMessages(t.db.db);
    expect(messages.filter((m) => m.cause.startsWith('incident:')).map((m) => [m.recipient, m.subject])).toEqual([['reader@example.vn', '[Investigating] API errors']]);
  });

  it('limits requests per client address (429 with Retry-After, any address alike), and the bucket refills on the daemon’s clock', async () => {
    let refused: Response | undefined;
    for (let i = 0; i < 25 && refused === undefined; i++) {
      const r = await subscribe({ email: `flood-${i}@example.vn` });
      if (r.status === 429) refused = r;
      else expect(r.status).toBe(200);
    }
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await refused!.json()) as { error: { message: string } }).error.message).toBe('too many subscription requests from this address');
    expect((await subscribe({ email: 'reader@example.vn' })).status).toBe(429);
    t.clock.advance(60_000);
    expect((await subscribe({ email: 'later@example.vn' })).status).toBe(200);
  });
});
