import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import type { Logger } from '../logger.ts';
import { createDeliverer } from './deliverer.ts';
import { createEmailSender } from './email.ts';
import { enqueue, listMessages, type NewOutboxMessage } from './outbox.repository.ts';
import { createWebhookSender } from './webhook.ts';

// Issue #15's bad input: an endpoint answering 10 MB or hanging, and an SMTP
// server that drops the connection mid-message, each retried or failed with a
// reason — the row kept, nothing lost, the deliverer's round still returning.
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const MB = 1024 * 1024;

const listen = async (server: Server | ReturnType<typeof createTcpServer>) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};
const close = (server: Server | ReturnType<typeof createTcpServer>) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Answers /huge with 10 MB (200 or 500 as asked) and never answers /hang. */
function hostileHttp() {
  let served = 0;
  const server = createHttpServer((request, response) => {
    request.resume();
    if (request.url?.startsWith('/hang')) return; // holds the request open
    response.writeHead(request.url?.startsWith('/huge-500') ? 500 : 200, { 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(MB, 120);
    let left = 10;
    const more = () => {
      while (left > 0) {
        left -= 1;
        served += MB;
        if (!response.write(chunk)) return void response.once('drain', more);
      }
      response.end();
    };
    response.on('error', () => {});
    more();
  });
  return { server, servedBytes: () => served };
}

/** A minimal SMTP server that accepts the envelope, then hangs up in the middle of the message. */
function droppingSmtp() {
  return createTcpServer((socket) => {
    socket.on('error', () => {});
    socket.write('220 drop.example ESMTP\r\n');
    let inData = false;
    socket.on('data', (data) => {
      if (inData) return void socket.destroy(); // the first bytes of the message: hang up
      for (const line of data.toString().split('\r\n').filter(Boolean)) {
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 drop.example\r\n');
        else if (verb === 'MAIL' || verb === 'RCPT') socket.write('250 OK\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
}

describe.each(testDatabaseKinds())('the outbox against hostile endpoints on %s', (kind) => {
  let t: OpenedDatabase;
  const http = hostileHttp();
  const smtp = droppingSmtp();
  let httpPort = 0;
  let smtpPort = 0;
  const clock = Date.now(); // Standard Webhooks signs with the real time
  const row = async (key: string) => (await listMessages(t.db)).find((m) => m.idempotency_key === key)!;
  const hook = (key: string, endpoint: string): NewOutboxMessage => ({ idempotency_key: key, channel: 'webhook', recipient: endpoint, subject: 'maintenance.announced', body_text: '{"type":"maintenance.announced"}', body_html: null, cause: 'test' });

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    httpPort = await listen(http.server);
    smtpPort = await listen(smtp);
  });
  afterAll(async () => {
    http.server.closeAllConnections();
    await close(http.server);
    await close(smtp);
    await t?.close();
  });

  it('a hanging endpoint times out and is retried; 10 MB answers are not read, 2xx delivered and 5xx retried', async () => {
    const endpoints = ['hang', 'huge-200', 'huge-500'].map((id) => ({ id, url: `http://127.0.0.1:${httpPort}/${id}`, secret: SECRET, timeoutMs: 300 }));
    const deliverer = createDeliverer({ db: t.db, now: () => clock, senders: { webhook: createWebhookSender(endpoints, () => clock) }, logger: quiet });
    await enqueue(t.db, endpoints.map((e) => hook(`hostile:${e.id}`, e.id)), new Date(clock));
    expect(await deliverer.deliverDue()).toEqual({ delivered: 1, retried: 2, failed: 0 });
    expect(await row('hostile:hang')).toMatchObject({ state: 'pending', last_error: 'timeout after 300 ms' });
    expect(await row('hostile:huge-500')).toMatchObject({ state: 'pending', last_error: 'HTTP 500' });
    expect(await row('hostile:huge-200')).toMatchObject({ state: 'delivered' });
    // Cancelled after the headers: far less than the 20 MB offered crossed into the daemon.
    expect(http.servedBytes()).toBeLessThan(20 * MB);
  });

  it('an SMTP server dropping the connection mid-message: retried with the reason, the message kept', async () => {
    const email = createEmailSender({ host: '127.0.0.1', port: smtpPort, secure: false, requireTls: false, from: 'Status <status@vendor.example>', timeoutMs: 2_000 }, () => clock);
    try {
      const deliverer = createDeliverer({ db: t.db, now: () => clock, senders: { email }, logger: quiet });
      await enqueue(t.db, [{ idempotency_key: 'hostile:smtp', channel: 'email', recipient: 'it@customer.example', subject: 'Notice', body_text: 'x'.repeat(64 * 1024), body_html: null, cause: 'test' }], new Date(clock));
      expect(await deliverer.deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
      const kept = await row('hostile:smtp');
      expect(kept).toMatchObject({ state: 'pending', attempts: 1 });
      expect(kept.last_error).toMatch(/\S/);
    } finally {
      email.close();
    }
  });
});

describe('a webhook endpoint that is not http(s)', () => {
  it('is refused by the config with its path', () => {
    const parsed = parseConfig('components:\n  - { id: web, name: Web, tier: core }\nnotify:\n  webhooks:\n    - { id: ops, url: "ftp://hooks.example/x", secretEnv: HOOK }\n', 'sla.yaml', { HOOK: SECRET });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['notify.webhooks[0].url: must be an http:// or https:// URL']);
  });
});
