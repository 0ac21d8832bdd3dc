import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onClock } from '../daemon/src/apologies/apology-text.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { listMessages } from '../daemon/src/outbox/outbox.repository.ts';
import { smtpSink } from '../daemon/src/outbox/testing/smtp-sink.ts';
import { waitFor } from './support/daemon-process.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

const HOUR = 3_600_000;
const yaml = (port: number) => `components:\n  - { id: web, name: Web, tier: core }\nnotify:\n  email:\n    from: "Status <status@vendor.example>"\n    smtp: { host: 127.0.0.1, port: ${port}, requireTls: false }\n`;

// Issue #15's Done-when, SLA §C.5: a very critical outage → apology drafted,
// approved, delivered in vi and en, visible in the ledger. The daemon runs in
// process with a real SMTP server; nothing waits on the wall clock.
describe.each(testDatabaseKinds())('the §C.5 apology, drafted to delivered, on %s', (kind) => {
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  let approver: Operator;
  beforeAll(async () => {
    sink = await smtpSink();
    // The default poll: the approval's bell is what makes the outbox send at once.
    t = await startTestDaemon(kind, yaml(sink.port));
    ops = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
    approver = await operator(t.db.db, t.daemon.url, 'boss-b', 'approver');
    const contract = { id: 'C-1', customer: 'Khách hàng A', timeZone: 'Asia/Ho_Chi_Minh', annualFeeVnd: '73000000', components: ['web'], creditAs: 'license', states: [{ state: 'active', from: '2025-01-01T00:00:00+07:00' }] };
    expect((await ops.post('/api/v1/contracts', contract)).status).toBe(201);
    expect((await ops.post('/api/v1/contracts/C-1/contacts', { email: 'it@customer.example', lang: 'vi' })).status).toBe(200);
    expect((await ops.post('/api/v1/contracts/C-1/contacts', { email: 'cto@customer.example', lang: 'en' })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.stop();
    await sink?.close();
  });

  it('a very critical outage closed → a draft; approved → mailed in vi and en with the window and the license time; the ledger shows it sent', async () => {
    const now = t.clock.now();
    const start = new Date(Math.floor((now - 6 * HOUR) / 60_000) * 60_000);
    const end = new Date(start.getTime() + 2 * HOUR + 30 * 60_000);
    const recorded = await ops.post('/api/v1/outages', { start: start.toISOString(), end: end.toISOString(), components: ['web'], impact: 'major_outage', reason: 'Khách hàng báo lỗi', evidence: 'Phiếu hỗ trợ 7' });
    expect(recorded.status).toBe(201);
    const outageId = recorded.body.outages[0].id as number;

    const draft = await waitFor('the draft', async () => (await ops.get('/api/v1/apologies')).body.apologies[0]);
    const [entry] = (await ops.get('/api/v1/ledger?contract=C-1')).body.entries;
    expect(draft).toMatchObject({ contract: 'C-1', outage: outageId, state: 'draft', sentAt: null, licenseSeconds: entry.licenseSeconds });
    expect(entry.apology).toEqual({ state: 'draft', sentAt: null });
    expect(entry.apologyPublished).toBe(false);

    const edited = await ops.patch(`/api/v1/apologies/${draft.id}`, { bodyEn: `${draft.en.body}\nOur engineers have fixed the cause.` });
    expect(edited.status).toBe(200);
    // Approval is the approver's: an operator is refused.
    expect((await ops.post(`/api/v1/apologies/${draft.id}/approve`)).status).toBe(403);
    const approved = await approver.post(`/api/v1/apologies/${draft.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', approvedBy: 'boss-b' });
    expect((await approver.post(`/api/v1/apologies/${draft.id}/approve`)).status).toBe(409);

    await waitFor('both mails', async () => (sink.received.filter((m) => m.subject?.includes('Web')).length === 2 ? true : undefined));
    const mail = (to: string) => sink.received.find((m) => m.subject?.includes('Web') && m.to !== undefined && JSON.stringify(m.to).includes(to))!;
    const vi = mail('it@customer.example');
    const en = mail('cto@customer.example');
    expect(vi.subject).toBe('[Xin lỗi] Sự cố nghiêm trọng Web');
    expect(vi.text).toContain(`từ ${onClock(start, 'vi', 'Asia/Ho_Chi_Minh')} đến ${onClock(end, 'vi', 'Asia/Ho_Chi_Minh')}`);
    expect(vi.text).toContain('được cộng 12 giờ thời hạn');
    expect(en.subject).toBe('[Apology] Very critical outage of Web');
    expect(en.text).toContain(`from ${onClock(start, 'en', 'Asia/Ho_Chi_Minh')} to ${onClock(end, 'en', 'Asia/Ho_Chi_Minh')}`);
    expect(en.text).toContain('extended by 12 hours.');
    expect(en.text).toContain('Our engineers have fixed the cause.');
    expect(entry.licenseSeconds).toBe('43200');

    const delivered = await waitFor('both delivered', async () => {
      const rows = await listMessages(t.db.db, { cause: `apology:${draft.id}` });
      return rows.length === 2 && rows.every((m) => m.state === 'delivered') ? rows : undefined;
    });
    const last = new Date(Math.max(...delivered.map((m) => m.delivered_at!.getTime()))).toISOString();
    const shown = await waitFor('the ledger shows it sent', async () => {
      const [e] = (await ops.get('/api/v1/ledger?contract=C-1')).body.entries;
      return e.apology?.state === 'sent' ? e : undefined;
    });
    expect(shown.apology).toEqual({ state: 'sent', sentAt: last });
    expect((await ops.get('/api/v1/apologies')).body.apologies[0]).toMatchObject({ state: 'sent', sentAt: last });
    // Audited and attributed: the edit and the approval.
    const audit = await t.db.db.selectFrom('audit_log').select(['actor', 'action']).where('entity', '=', 'apology').orderBy('id').execute();
    expect(audit).toEqual([
      { actor: 'ops-a', action: 'apology.edit' },
      { actor: 'boss-b', action: 'apology.approve' },
    ]);
  });
});
