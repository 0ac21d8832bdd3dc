import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatVnd } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../daemon/src/cli/main.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

// Issue #16: the statement as a document an accountant files — the ledger's
// lines with their states (a rejected fine shown, struck, not summed), the
// vendor from the config, a number and an issue date, in Vietnamese by default
// and in English, as HTML, CSV safe in a spreadsheet, and a PDF printed by
// Chromium whose extracted text carries the ledger's totals.
const NOW = Date.parse('2027-03-10T12:00:00+07:00');
const FEE = '36500000';
const EVIL = '=HYPERLINK("http://evil.example/","click")';
const vendor = 'vendor:\n  name: Công ty Cổ phần Ví Dụ Cloud\n  address: 1 Lê Lợi, Quận 1\n  taxCode: "0312345678"\n';
const yaml = `components:\n  - { id: app, name: App, tier: core }\n${vendor}`;

describe.each(testDatabaseKinds())('the statement document on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let opsA: Operator;
  let opsB: Operator;
  let viewer: Operator;
  let bugId: number;
  const entries = async () => ((await viewer.get('/api/v1/ledger?contract=C-1')).body.entries as Array<Record<string, any>>).reverse();
  const report = (at: string, fixedAt?: string) => async () => {
    const reported = await opsA.post(`/api/v1/bugs/${bugId}/occurrences`, { reportedAt: at });
    expect(reported.status).toBe(201);
    if (fixedAt) expect((await opsA.post(`/api/v1/bugs/${bugId}/occurrences/${reported.body.occurrences.at(-1).occurrence}/fix`, { fixedAt })).status).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestDaemon(kind, yaml, { clock: { now: () => NOW, monotonic: () => performance.now() } });
    opsA = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
    opsB = await operator(t.db.db, t.daemon.url, 'ops-b', 'approver');
    viewer = await operator(t.db.db, t.daemon.url, 'auditor', 'viewer');
    expect((await opsA.post('/api/v1/contracts', {
      id: 'C-1', customer: 'Khách hàng A', annualFeeVnd: FEE, components: ['app'], creditAs: 'renewal',
      states: [{ state: 'deployment', from: '2024-12-01T15:00:00+07:00' }, { state: 'active', from: '2025-01-01T00:00:00+07:00' }],
      licenseExpiresAt: '2027-04-01T00:00:00+07:00', renewalAt: '2027-04-01T00:00:00+07:00',
    })).status).toBe(201);
    // A bug whose title an operator typed as a formula; three occurrences: fines on the 2nd and 3rd (SLA §C.5).
    const bug = await opsA.post('/api/v1/bugs', { contract: 'C-1', title: EVIL });
    expect(bug.status).toBe(201);
    bugId = bug.body.id;
    await report('2027-01-05T10:00:00+07:00', '2027-01-06T10:00:00+07:00')();
    await report('2027-02-03T10:00:00+07:00', '2027-02-04T10:00:00+07:00')();
    await report('2027-03-02T10:00:00+07:00', '2027-03-03T10:00:00+07:00')();
    const [second, third] = await entries();
    expect([second!.occurrence, third!.occurrence]).toEqual([2, 3]);
    expect((await opsB.post(`/api/v1/ledger/${second!.id}/approve`)).status).toBe(200);
    expect((await opsB.post(`/api/v1/ledger/${third!.id}/reject`, { reason: EVIL })).status).toBe(200);
    // A breach, approved, and a renewal that applies it and the approved fine; its fee absorbs only part: the rest is carried.
    const breach = await opsA.post('/api/v1/breaches', { contract: 'C-1', at: '2027-03-10T10:00:00+07:00', description: 'Records on a public bucket', evidence: 'FR-2027-03' });
    expect((await opsB.post(`/api/v1/breaches/${breach.body.id}/approve`)).status).toBe(200);
    const line = (await entries()).find((e) => e.source === 'breach')!;
    expect((await opsB.post(`/api/v1/ledger/${line.id}/approve`)).status).toBe(200);
    expect((await opsB.post('/api/v1/contracts/C-1/renewals', { idempotencyKey: 'renewal-2027-04' })).status).toBe(201);
    // A fourth occurrence after the renewal: proposed, not owed yet.
    await report('2027-03-08T10:00:00+07:00')();
  });
  afterAll(() => t?.stop());

  /** The ledger's own totals, by state, in the figure each entry is paid in (renewals.ts). */
  const ledgerTotals = async () => {
    const list = await entries();
    const money = (state: string) => list.filter((e) => e.state === state && e.creditAs === 'renewal').reduce((s, e) => s + BigInt(e.amountVnd), 0n);
    return { approved: money('approved'), applied: money('applied'), proposed: money('proposed'), rejected: list.filter((e) => e.state === 'rejected') };
  };

  it('the page follows the ledger: each line with its state, the rejected fine struck and not summed', async () => {
    const totals = await ledgerTotals();
    expect(totals.approved).toBe(73_500_000n + 0n); // the carried-forward rest: 109.5 M + 0.5 M − the 36.5 M fee
    expect(totals.rejected).toHaveLength(1);
    const html = (await viewer.get('/api/v1/contracts/C-1/statement?format=html')).body as string;
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Bảng kê bồi hoàn SLA');
    expect(html).toContain('Công ty Cổ phần Ví Dụ Cloud');
    expect(html).toContain('Mã số thuế: 0312345678');
    expect(html).toContain('<dt>Số bảng kê</dt><dd>C-1-20270310</dd>');
    expect(html).toContain('<dt>Ngày lập</dt><dd>10/03/2027</dd>');
    expect(html).toContain('gia hạn #1, 01/04/2027 – 01/04/2028');
    const rejected = totals.rejected[0]!;
    expect(html).toContain(`<del>${formatVnd(BigInt(rejected.amountVnd))}</del>`);
    expect(html).toContain('bị từ chối bởi ops-b');
    // The engine alone would sum the rejected fine; the document's totals are the ledger's.
    for (const [label, amount] of [['Đã duyệt, chưa áp dụng', totals.approved], ['Đã áp dụng vào lần gia hạn', totals.applied], ['Đề xuất', totals.proposed]] as const)
      expect(html).toMatch(new RegExp(`<th>${label}[^<]*</th><th></th><th class="n">[^<]*</th><th class="n">${formatVnd(amount)}</th>`));
    expect(html).not.toContain(EVIL.slice(0, 12)); // escaped on the page
    // A fine's license-time equivalent in days and hours: 500,000 VND at 100,000 VND a day of the fee.
    expect(html).toContain('(5 ngày)');
  });

  it('in English with ?lang=en, and 400 naming an unknown language', async () => {
    const html = (await viewer.get('/api/v1/contracts/C-1/statement?format=html&lang=en')).body as string;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<dt>Statement number</dt><dd>C-1-20270310</dd>');
    expect(html).toContain('rejected by ops-b');
    expect(html).toContain('(5 days)');
    const refused = await viewer.get('/api/v1/contracts/C-1/statement?format=html&lang=fr');
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error)).toContain('lang');
  });

  it('a period gives the month’s number and only its lines', async () => {
    const html = (await viewer.get('/api/v1/contracts/C-1/statement?format=html&lang=en&from=2027-02-01T00:00:00%2B07:00&to=2027-03-01T00:00:00%2B07:00')).body as string;
    expect(html).toContain('<dt>Statement number</dt><dd>C-1-202702</dd>');
    expect(html).toContain('occurrence 2');
    expect(html).not.toContain('occurrence 3');
    expect(html).not.toContain('Confidentiality breach');
  });

  it('the CSV: the same lines, operators’ text defused, negative and positive amounts numbers', async () => {
    const csv = (await viewer.get('/api/v1/contracts/C-1/statement?format=csv')).body as string;
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('statement,contract,entry,kind,source,ref,occurrence,state,counted,credit_as,outage_seconds,creditable_seconds,excluded,blocks,license_seconds,amount_vnd,proposed_by,proposed_at,decided_by,decided_at,reason,renewal,applied_at,title,policy_version');
    const rejected = rows.find((r) => r.includes(',rejected,'))!;
    expect(rejected).toContain(`"'=HYPERLINK(""http://evil.example/"",""click"")"`);
    expect(rows.filter((r) => r.includes('=HYPERLINK')).every((r) => !/(^|,)"?=/.test(r))).toBe(true);
    expect(rows.find((r) => r.includes(',carried_forward,'))).toContain(',73500000,');
  });

  it('the PDF, printed by Chromium: its text carries the ledger’s totals', async () => {
    const response = await fetch(`${t.daemon.url}/api/v1/contracts/C-1/statement?format=pdf&lang=en`, { headers: { authorization: `Bearer ${viewer.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="statement-C-1-20270310.pdf"');
    const dir = mkdtempSync(join(tmpdir(), 'statement-pdf-'));
    writeFileSync(join(dir, 's.pdf'), Buffer.from(await response.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', join(dir, 's.pdf'), '-'], { encoding: 'utf8' }).replaceAll('\u00a0', ' ');
    const totals = await ledgerTotals();
    const totalLine = (label: string) => text.split('\n').find((l) => l.includes(label)) ?? '';
    const vnd = (n: bigint) => formatVnd(n).replaceAll('\u00a0', ' ');
    expect(totalLine('Approved, not yet applied')).toContain(vnd(totals.approved));
    expect(totalLine('Applied to a renewal')).toContain(vnd(totals.applied));
    expect(totalLine('Proposed — awaiting')).toContain(vnd(totals.proposed));
    expect(text).toContain('Công ty Cổ phần Ví Dụ Cloud');
  });

  it('answers 503 with the reason when no Chromium is on the PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const refused = await viewer.get('/api/v1/contracts/C-1/statement?format=pdf');
      expect(refused.status).toBe(503);
      expect(refused.body.error.message).toContain('no chromium is on the daemon’s PATH');
    } finally {
      process.env.PATH = path;
    }
  });

  it('`sla contracts statement C-1 --format pdf --out FILE` writes the PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statement-cli-'));
    let stderr = '';
    const code = await runCli(['contracts', 'statement', 'C-1', '--format', 'pdf', '--lang', 'en', '--out', 'statement.pdf'], { stdout: () => {}, stderr: (s) => { stderr += s; }, env: { SLA_URL: t.daemon.url, SLA_TOKEN: viewer.token }, cwd: dir });
    expect([code, stderr]).toEqual([0, '']);
    expect(readFileSync(join(dir, 'statement.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
