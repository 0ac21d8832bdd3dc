import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaseFile } from '../case-file/parse.ts';
import { computeStatement } from './compute-statement.ts';
import { differenceJson, differenceText, statementDifference } from './statement-diff.ts';

// `sla credits --what-if` (docs/contract.md §1.5): the lines one more fact changes, and the totals before and after.
const stored = JSON.parse(readFileSync(join(import.meta.dirname, '../../testdata/scenarios/01-basic-outage.json'), 'utf8'));
const statementOf = (doc: unknown) => {
  const parsed = parseCaseFile(doc);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return computeStatement(parsed.caseFile);
};
const withFacts = (facts: Record<string, unknown[]>) => ({ ...stored, ...Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, [...(stored[k] ?? []), ...v]])) });

describe('statementDifference', () => {
  it('an approved force majeure over part of O-1 takes one of its two blocks away', () => {
    const fm = { id: 'F-1', category: 'power_failure', components: ['app'], start: '2025-03-03T09:00:00+07:00', end: '2025-03-03T11:00:00+07:00', declaredBy: 'ops-a', approvedBy: 'ops-b' };
    const [c] = statementDifference(statementOf(stored), statementOf(withFacts({ forceMajeure: [fm] })));
    expect(c).toEqual({
      id: 'C-1',
      lines: [{ source: 'outage', ref: 'O-1', before: { licenseSeconds: 86_400n, amountVnd: 100_000n }, after: { licenseSeconds: 43_200n, amountVnd: 50_000n }, difference: { licenseSeconds: -43_200n, amountVnd: -50_000n } }],
      totals: { before: { licenseSeconds: 86_400n, amountVnd: 100_000n }, after: { licenseSeconds: 43_200n, amountVnd: 50_000n }, difference: { licenseSeconds: -43_200n, amountVnd: -50_000n } },
    });
    expect(differenceText([c!], 'F-1')).toBe(
      'What if F-1 were added to the stored facts (nothing is saved):\n\nContract C-1\n' +
        '  changed  outage O-1: 1 day of license = 100.000\u00a0₫ → 12 h of license = 50.000\u00a0₫ (−12 h of license, −50.000\u00a0₫)\n' +
        '  Total: 1 day of license = 100.000\u00a0₫ → 12 h of license = 50.000\u00a0₫ (−12 h of license, −50.000\u00a0₫)\n',
    );
  });

  it('a new outage is a new line; lines it leaves alone are not listed', () => {
    const outage = { id: 'O-2', component: 'app', impact: 'major_outage', start: '2025-03-04T09:00:00+07:00', end: '2025-03-04T13:00:00+07:00' };
    const diff = statementDifference(statementOf(stored), statementOf(withFacts({ outages: [outage] })));
    expect(differenceJson(diff)).toEqual({
      contracts: [{
        id: 'C-1',
        lines: [{ source: 'outage', ref: 'O-2', before: null, after: { licenseSeconds: 86_400, amountVnd: '100000' }, difference: { licenseSeconds: 86_400, amountVnd: '100000' } }],
        totals: { before: { licenseSeconds: 86_400, amountVnd: '100000' }, after: { licenseSeconds: 172_800, amountVnd: '200000' }, difference: { licenseSeconds: 86_400, amountVnd: '100000' } },
      }],
    });
  });

  it('a fact that changes nothing says so', () => {
    const outage = { id: 'O-2', component: 'app', impact: 'degraded', start: '2025-03-04T09:00:00+07:00', end: '2025-03-04T13:00:00+07:00' };
    const diff = statementDifference(statementOf(stored), statementOf(withFacts({ outages: [outage] })));
    expect(differenceText(diff, 'O-2')).toContain('Contract C-1\n  no line changes\n  Total: 1 day of license = 100.000\u00a0₫ → 1 day of license = 100.000\u00a0₫ (+0 s of license, +0\u00a0₫)\n');
  });
});
