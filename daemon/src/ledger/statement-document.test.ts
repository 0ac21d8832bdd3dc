import type { ContractStatement } from '@sla/shared';
import { statementDictionary } from '@sla/shared/status/i18n/statement.ts';
import { describe, expect, it } from 'vitest';
import { statementDocument, statementNumber, type DocumentEntry } from './statement-document.ts';
import { statementHtml } from './statement-html.ts';

// Issue #16: the document's totals follow the ledger's states, in the figure each line is paid in.
const at = new Date('2027-03-10T05:00:00Z');
const entry = (id: number, state: DocumentEntry['state'], licenseSeconds: bigint, o: Partial<DocumentEntry> = {}): DocumentEntry => ({
  id, kind: 'credit', source: 'outage', ref: `O-${id}`, occurrence: null, creditAs: 'license', licenseSeconds, amountVnd: licenseSeconds * 10n, state, line: {}, reversesId: null,
  createdBy: 'engine', createdAt: at, decidedBy: state === 'proposed' ? null : 'ops-b', decidedAt: state === 'proposed' ? null : at, decisionReason: state === 'rejected' ? 'duplicate' : null,
  renewalId: state === 'applied' ? 1 : null, appliedBy: state === 'applied' ? 'ops-b' : null, appliedAt: state === 'applied' ? at : null, ...o,
});
const engine: ContractStatement = { id: 'C-1', creditAs: 'license', timeZone: 'Asia/Ho_Chi_Minh', credits: [], maintenance: [], totals: { licenseSeconds: 0n, amountVnd: 0n } };
const head = {
  issuedAt: at, period: undefined, vendor: undefined, policyVersion: 'p1', renewals: [],
  contract: { id: 'C-1', customer: 'Khách hàng A', annualFeeVnd: 1_234_567n, renewalAt: null, licenseExpiresAt: null },
};
const doc = statementDocument({
  engine,
  titles: new Map(),
  head,
  entries: [
    entry(1, 'applied', 129_600n),
    entry(2, 'approved', 43_200n),
    entry(3, 'rejected', 86_400n),
    entry(4, 'approved', -43_200n, { kind: 'reversal', reversesId: 1, ref: 'O-1' }),
    entry(5, 'proposed', 7_200n),
    entry(6, 'approved', 0n, { source: 'breach', ref: 'BR-1', creditAs: 'renewal', amountVnd: 1_234_567n }),
  ],
});

describe('the statement document', () => {
  it('totals by state, each in its paid figure; the rejected line counted apart', () => {
    expect(doc.totals).toEqual({
      applied: { licenseSeconds: 129_600n, amountVnd: 0n },
      approved: { licenseSeconds: 0n, amountVnd: 1_234_567n },
      proposed: { licenseSeconds: 7_200n, amountVnd: 0n },
      rejected: 1,
    });
    expect(doc.lines.map((l) => [l.entry?.id, l.counted])).toEqual([[1, 'applied'], [2, 'approved'], [3, 'none'], [4, 'approved'], [5, 'proposed'], [6, 'approved']]);
  });

  it.each([
    [{ to: new Date('2027-04-01T00:00:00+07:00') }, 'C-1-202703'],
    [{ to: new Date('2027-03-31T17:00:00Z') }, 'C-1-202703'],
    [{ to: new Date('2027-03-31T17:00:01Z') }, 'C-1-202704'],
    [undefined, 'C-1-20270310'],
  ])('numbers a statement by the month its period ends in on the contract’s clock (%o)', (period, number) => {
    expect(statementNumber('C-1', 'Asia/Ho_Chi_Minh', period, at)).toBe(number);
  });

  it.each([
    ['vi', '1 ngày 12 giờ', '−12 giờ', '1.234.567\u00a0₫', 'Chưa cấu hình đơn vị cung cấp'],
    ['en', '1 day 12 hours', '−12 hours', '1.234.567\u00a0₫', 'Vendor not configured'],
  ] as const)('in %s: license time in days and hours, VND with dots, a placeholder for the vendor', (lang, time, negative, vnd, missing) => {
    const html = statementHtml(doc, statementDictionary(lang));
    expect(html).toContain(`<td class="n">${time}</td>`);
    expect(html).toContain(`<td class="n">${negative}</td>`);
    expect(html).toContain(vnd);
    expect(html).toContain(missing);
    expect(html).toContain('<tr class="rejected">');
  });
});

describe('the statement document: other lines', () => {
  const outage = { source: 'outage' as const, ref: 'O-9', at: 0, span: { start: Date.parse('2027-03-01T01:00:00Z') / 1000, end: Date.parse('2027-03-01T04:00:00Z') / 1000 }, outageSeconds: 10_800, creditableSeconds: 3_600, excluded: [{ reason: 'force_majeure' as const, ref: 'F-2', seconds: 7_200 }], blocks: '0', licenseSeconds: 0n, amountVnd: 0n };
  const tickets = { asOf: Date.parse('2027-03-10T05:00:00Z') / 1000, lines: [], counts: [{ class: 'very_critical' as const, deadline: 'acknowledge' as const, met: 2, breached: 1, pending: 0 }] };
  const other = statementDocument({ engine: { ...engine, credits: [outage], tickets }, titles: new Map(), head, entries: [] });

  it('marks a window’s declared notices, on the contract’s clock (issue #15)', () => {
    const window = (ref: string, declaredNotices: number[]) => ({ ref, kind: 'infrastructure' as const, span: { start: 0, end: 1 }, valid: true, violations: [], declaredNotices });
    const withWindows = statementDocument({ engine: { ...engine, maintenance: [window('M-1', [Date.parse('2025-03-08T03:00:00Z') / 1000]), window('M-2', [])] }, titles: new Map(), head, entries: [] });
    const html = statementHtml(withWindows, statementDictionary('en'));
    expect(html).toContain('<li>M-1: valid; declared notices (no delivery record): 08/03/2025 10:00</li>');
    expect(html).toContain('<li>M-2: valid</li>');
  });

  it('an engine line owing nothing is shown, not counted, and said never to be entered', () => {
    expect(other.lines.map((l) => l.counted)).toEqual(['none']);
    const html = statementHtml(other, statementDictionary('en'));
    expect(html).toContain('Outage O-9, 01/03/2027 08:00 – 01/03/2027 11:00: creditable 1 hour, 0 blocks of 2 hours');
    expect(html).toContain('excluded: F-2 2 hours, approved force majeure (terms §11, docs/contract.md §3.2)');
    expect(html).toContain('owes nothing: never entered in the ledger');
  });

  it('the ticket report: counts met and breached per class and deadline, in the language asked', () => {
    const html = statementHtml(other, statementDictionary('vi'));
    expect(html).toContain('Yêu cầu hỗ trợ, tính đến 12:00 ngày 10/03/2027');
    expect(html).toContain('<tr><td>Rất nghiêm trọng</td><td>Tiếp nhận</td><td class="n">2</td><td class="n">1</td><td class="n">0</td></tr>');
  });
});
