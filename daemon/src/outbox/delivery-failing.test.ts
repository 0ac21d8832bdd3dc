import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { enqueue, listMessages } from './outbox.repository.ts';
import { startOutbox } from './start.ts';
import { smtpSink } from './testing/smtp-sink.ts';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const yaml = (port: number) =>
  `components:\n  - { id: web, name: Web, tier: core }\nnotify:\n  email:\n    from: "Status <status@vendor.example>"\n    smtp: { host: 127.0.0.1, port: ${port}, requireTls: false }\n` +
  `  alerts:\n    - { id: oncall, events: [delivery.failing], lang: en, to: { email: oncall@vendor.example } }\n    - { id: gone, events: [delivery.failing], to: { email: gone-ops@vendor.example } }\n`;

// Issue #15: a message the outbox gives up on tells the operators, once, in the transaction that marks it failed;
// an alert that itself fails tells nobody (it would alert about itself without end).
describe.each(testDatabaseKinds())('the delivery failing alert, on %s', (kind) => {
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let t: OpenedDatabase;
  beforeAll(async () => {
    [sink, t] = await Promise.all([smtpSink(), openTestDatabase(kind)]);
    sink.refuseWith((to) => (to.startsWith('gone') ? { code: 550, text: 'No such user' } : undefined));
  });
  afterAll(async () => {
    await sink?.close();
    await t?.close();
  });

  it('alerts the routes once for a refused notice, and the refused alert alerts nobody', async () => {
    const parsed = parseConfig(yaml(sink.port), 'failing.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const now = Date.parse('2026-12-07T03:00:00Z');
    await enqueue(t.db, [{ idempotency_key: 'maintenance:1:announce:gone@customer.example', channel: 'email', recipient: 'gone@customer.example', subject: 'Notice', body_text: 'x', body_html: null, cause: 'maintenance:1' }], new Date(now));
    const outbox = await startOutbox({ db: t.db, config: parsed.config.notify, now: () => now, logger: quiet, env: {}, pollMs: 20 });
    try {
      const settled = async () => {
        const rows = await listMessages(t.db);
        return rows.length === 3 && rows.every((m) => m.state !== 'pending') ? rows : undefined;
      };
      let rows = await settled();
      for (let i = 0; rows === undefined && i < 500; i++) {
        await new Promise((r) => setTimeout(r, 20));
        rows = await settled();
      }
      if (rows === undefined) throw new Error('the notice and both alerts did not settle');
      expect(rows.map((m) => [m.idempotency_key, m.state])).toEqual([
        ['maintenance:1:announce:gone@customer.example', 'failed'],
        [`alert:delivery.failing:${rows[0]!.id}:oncall`, 'delivered'],
        [`alert:delivery.failing:${rows[0]!.id}:gone`, 'failed'],
      ]);
      expect(sink.received.map((m) => m.subject)).toEqual([`[SLA] Message ${rows[0]!.id} could not be delivered`]);
      expect(sink.received[0]!.text).toMatch(/^Message \d+ could not be delivered\n\nChannel email, cause maintenance:1: SMTP 550: .*No such user/);
      // The customer's address is not in the operators' alert.
      expect(sink.received[0]!.text).not.toContain('customer.example');
    } finally {
      await outbox.stop();
    }
  });
});
