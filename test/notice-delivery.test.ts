import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { listMessages } from '../daemon/src/outbox/outbox.repository.ts';
import { smtpSink } from '../daemon/src/outbox/testing/smtp-sink.ts';
import { waitFor } from './support/daemon-process.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

const HOUR = 3_600_000;
/** Under this policy only delivered notices count, so a verdict below is the delivery's alone (issue #15). */
const yaml = (port: number) =>
  `components:\n  - { id: web, name: Web, tier: core }\npolicy:\n  declaredNoticesCount: false\nnotify:\n  email:\n    from: "Status <status@vendor.example>"\n    smtp: { host: 127.0.0.1, port: ${port}, requireTls: false }\n`;

// Issue #15's Done-when, SLA §C.1 (docs/contract.md §3.1): an infrastructure
// window created 30 h ahead is e-mailed at once; the mail server's acceptance is
// its `delivered` notice, which makes it valid. Refused (4xx, retried) until 2 h
// past the 24 h deadline, the notice is delivered too late: notice_too_late.
// Time moves on the daemon's injected clock, never by sleeping.
describe.each(testDatabaseKinds())('a maintenance notice decided by its delivery, on %s', (kind) => {
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  beforeAll(async () => {
    sink = await smtpSink();
    // A short real poll: after the clock moves, the next round finds the retry due.
    t = await startTestDaemon(kind, yaml(sink.port), { outboxPollMs: 50 });
    ops = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
    expect((await ops.post('/api/v1/contracts', { id: 'C-1', customer: 'Customer', annualFeeVnd: '73000000', components: ['web'] })).status).toBe(201);
    expect((await ops.post('/api/v1/contracts/C-1/contacts', { email: 'it@customer.example', lang: 'en' })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.stop();
    await sink?.close();
  });

  /** Moves the clock so that it is 30 h before 23:00 in Ho Chi Minh City (16:00 UTC), and creates a window starting then. */
  const createIn30Hours = async (title: string) => {
    const now = t.clock.now();
    let start = Math.floor(now / (24 * HOUR)) * 24 * HOUR + 16 * HOUR;
    while (start - 30 * HOUR < now) start += 24 * HOUR;
    t.clock.advance(start - 30 * HOUR - now);
    const created = await ops.post('/api/v1/maintenance', { kind: 'infrastructure', title, components: ['web'], startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * HOUR).toISOString() });
    expect(created.status).toBe(201);
    return { id: created.body.id as number, start };
  };
  const emailNotice = (id: number) =>
    waitFor('the delivered notice', async () => (await ops.get(`/api/v1/maintenance/${id}`)).body.notices.find((n: { channel: string }) => n.channel === 'email'));
  const verdicts = async (id: number) => (await ops.get(`/api/v1/maintenance/${id}/verdicts`)).body.verdicts;
  /** The judgement the status page shows (the policy's rules in its zone): the same setting, the same answer. */
  const publicVerdict = async (id: number) => {
    const { valid, violations } = (await ops.get(`/api/v1/maintenance/${id}/verdicts`)).body.publicVerdict;
    return { valid, violations };
  };

  it('e-mailed at once, the delivery recorded as a delivered notice, and the window valid by it', async () => {
    const { id, start } = await createIn30Hours('Database upgrade');
    const notice = await emailNotice(id);
    expect(notice).toMatchObject({ provenance: 'delivered', recordedBy: 'outbox (announce)' });
    expect(start - Date.parse(notice.sentAt)).toBeGreaterThanOrEqual(24 * HOUR);
    expect(sink.received.filter((m) => m.subject === '[Maintenance] Database upgrade')).toHaveLength(1);
    expect(await verdicts(id)).toEqual([{ contract: 'C-1', valid: true, violations: [] }]);
    expect(await publicVerdict(id)).toEqual({ valid: true, violations: [] });
  });

  it('refused by the mail server until 2 h past the deadline, delivered too late: invalid, notice_too_late', async () => {
    // Each refusal numbered, so the test knows the outbox has marked that attempt before it moves the clock.
    let refusals = 0;
    sink.refuseWith(() => ({ code: 451, text: `Try again later (${++refusals})` }));
    const { id, start } = await createIn30Hours('Network upgrade');
    const message = async () => (await listMessages(t.db.db, { cause: `maintenance:${id}` })).find((m) => m.channel === 'email')!;
    const marked = (n: number) => waitFor(`refusal ${n} marked`, async () => ((await message()).last_error?.includes(`(${n})`) ? true : undefined));
    await marked(1);
    // An hour at a time (the backoff never waits longer), each retry refused, until 2 h past the deadline (24 h before the start).
    for (;;) {
      t.clock.advance(HOUR);
      if (start - t.clock.now() <= 22 * HOUR) break;
      await marked(refusals + 1);
    }
    sink.refuseWith(undefined);
    const notice = await emailNotice(id);
    expect(notice.provenance).toBe('delivered');
    expect(start - Date.parse(notice.sentAt)).toBeLessThanOrEqual(22 * HOUR);
    expect((await message()).attempts).toBe(refusals + 1);
    expect(refusals).toBeGreaterThanOrEqual(7);
    await waitFor('the verdict', async () => ((await verdicts(id))[0]?.violations.length ? true : undefined));
    expect(await verdicts(id)).toEqual([{ contract: 'C-1', valid: false, violations: ['notice_too_late'] }]);
    expect(await publicVerdict(id)).toEqual({ valid: false, violations: ['notice_too_late'] });
  });

  it('before any delivery, the page’s own announcement, declared, does not count under this policy: notice_not_delivered', async () => {
    sink.refuseWith(() => ({ code: 451, text: 'Try again later' }));
    const { id } = await createIn30Hours('Storage upgrade');
    expect(await verdicts(id)).toEqual([{ contract: 'C-1', valid: false, violations: ['notice_not_delivered'] }]);
    expect(await publicVerdict(id)).toEqual({ valid: false, violations: ['notice_not_delivered'] });
    sink.refuseWith(undefined);
  });
});
