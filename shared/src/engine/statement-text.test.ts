import { describe, expect, it } from 'vitest';
import { parseCaseFile } from '../case-file/parse.ts';
import type { CaseFileInput } from '../case-file/schema.ts';
import { computeStatement } from './compute-statement.ts';
import { baseCase, majorOutage, vn } from './fixtures.ts';
import { statementToText } from './statement-text.ts';

function text(input: CaseFileInput): string[] {
  const parsed = parseCaseFile(input);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return statementToText(computeStatement(parsed.caseFile)).split('\n');
}

describe('statementToText', () => {
  const lines = text(
    baseCase({
      outages: [majorOutage('O-1', '2025-03-10T21:00', '2025-03-11T03:00'), majorOutage('O-2', '2025-03-12T22:00', '2025-03-13T02:00')],
      maintenance: [
        { id: 'M-ok', kind: 'infrastructure', components: ['app'], start: vn('2025-03-10T22:00'), end: vn('2025-03-11T02:00'), notices: [vn('2025-03-08T10:00')] },
        { id: 'M-late', kind: 'infrastructure', components: ['app'], start: vn('2025-03-12T22:00'), end: vn('2025-03-13T02:00'), notices: [vn('2025-03-12T12:00')] },
      ],
      bugs: [{ id: 'B-7', contract: 'C-1', occurrences: [{ reportedAt: vn('2025-03-01T09:00'), fixedAt: vn('2025-03-02T09:00') }, { reportedAt: vn('2025-03-20T09:00') }] }],
    }),
  );

  it('gives each outage line its figures, its reason and clause, and its exclusions', () => {
    expect(lines).toContain('    2025-03-10 21:00  outage O-1: 6 h down, 2 h creditable, 1 block of 2 h: 12 h of license = 50.000\u00a0₫');
    expect(lines).toContain('      every 2 h of very critical stoppage earns ½ day of subscription (SLA §C.5, docs/contract.md §1.1)');
    expect(lines).toContain('      excluded 4 h: valid maintenance window M-ok (SLA §C.1, docs/contract.md §3.1)');
  });
  it('explains a fine', () => {
    expect(lines).toContain('    2025-03-20 09:00  bug B-7 back again, occurrence 2: 5 days of license = 500.000\u00a0₫');
  });
  it('gives each window its verdict and the rule it broke in words', () => {
    expect(lines).toContain('    M-ok: infrastructure 2025-03-10 22:00 to 2025-03-11 02:00, valid: its downtime is excluded');
    expect(lines).toContain('      notice_too_late: notices came, but none early enough; infrastructure needs one ≥ 24 h before the start');
  });
  it('totals in days and hours of license and in VND', () => {
    expect(lines).toContain('  Total: 6 days 12 h of license = 650.000\u00a0₫');
  });
  it('shows times on the contract\'s clock', () => {
    const input = baseCase({ outages: [majorOutage('O-1', '2025-03-10T21:00', '2025-03-11T03:00')] });
    input.contracts![0]!.timeZone = 'Europe/Berlin';
    expect(text(input).some((l) => l.startsWith('    2025-03-10 15:00  outage O-1'))).toBe(true);
  });
  it('explains a breach line, and says in the total that it is paid as money (docs/contract.md §1.3)', () => {
    const lines = text(baseCase({ breaches: [{ id: 'X-1', contract: 'C-1', at: vn('2025-03-10T10:00'), declaredBy: 'ops-a', approvedBy: 'ops-b', evidence: 'report' }] }));
    expect(lines).toContain('    2025-03-10 10:00  confidentiality breach X-1: value 6.900.000\u00a0₫ + refund 29.600.000\u00a0₫ = 36.500.000\u00a0₫, paid as money');
    expect(lines).toContain('      0 full terms and 69 of 365 days of the current one used (terms §4, docs/contract.md §1.3)');
    expect(lines).toContain('    of which 36.500.000\u00a0₫ for confidentiality breaches, paid as money (terms §4, docs/contract.md §1.3)');
  });
  it('names the period, in UTC, when there is one', () => {
    const lines = text(baseCase({ period: { from: vn('2025-03-01T07:00'), to: vn('2025-04-01T07:00') } }));
    expect(lines[1]).toBe('Period: 2025-03-01 00:00 to 2025-04-01 00:00 (UTC)');
  });
});
