import { describe, expect, it } from 'vitest';
import { parseCaseFile } from '../case-file/parse.ts';
import type { CaseFileInput } from '../case-file/schema.ts';
import { computeStatement } from './compute-statement.ts';
import { baseCase, majorOutage, vn } from './fixtures.ts';
import { statementJsonChunks, statementToJson } from './statement-json.ts';

const statementOf = (input: CaseFileInput) => {
  const parsed = parseCaseFile(input);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return computeStatement(parsed.caseFile);
};

describe('statementToJson (docs/case-file.md "Output")', () => {
  const input = baseCase({
    outages: [majorOutage('O-1', '2025-03-03T09:00', '2025-03-03T14:00')],
    maintenance: [{ id: 'M-1', kind: 'backup', components: ['app'], start: vn('2025-03-04T01:00'), end: vn('2025-03-04T02:00') }],
    bugs: [{ id: 'B-1', contract: 'C-1', occurrences: [{ reportedAt: vn('2025-03-01T09:00'), fixedAt: vn('2025-03-01T10:00') }, { reportedAt: vn('2025-03-05T09:00') }] }],
    breaches: [{ id: 'X-1', contract: 'C-1', at: vn('2025-03-10T10:00'), declaredBy: 'ops-a', approvedBy: 'ops-b', evidence: 'report' }],
  });
  input.contracts!.push({ ...input.contracts![0]!, id: 'C-2', creditAs: 'renewal' });
  const statement = statementOf(input);
  const json = statementToJson(statement);

  it('writes the documented keys in the documented order', () => {
    const document = JSON.parse(json);
    expect(Object.keys(document)).toEqual(['policyVersion', 'contracts']);
    expect(Object.keys(document.contracts[0])).toEqual(['id', 'creditAs', 'credits', 'maintenance', 'totals']);
    expect(Object.keys(document.contracts[0].credits[0])).toEqual(['source', 'ref', 'outageSeconds', 'creditableSeconds', 'excluded', 'blocks', 'licenseSeconds', 'amountVnd']);
    expect(Object.keys(document.contracts[0].credits[1])).toEqual(['source', 'ref', 'occurrence', 'licenseSeconds', 'amountVnd']);
    expect(document.contracts[0].credits[2]).toEqual({ source: 'breach', ref: 'X-1', termsEnded: 0, usedDays: 69, termDays: 365, valueVnd: '6900000', refundVnd: '29600000', licenseSeconds: 0, amountVnd: '36500000' });
    expect(Object.keys(document.contracts[0].maintenance[0])).toEqual(['ref', 'valid', 'violations']);
    expect(Object.keys(document.contracts[0].totals)).toEqual(['licenseSeconds', 'amountVnd']);
  });
  it('is JSON.stringify with 2-space indent and a final newline, whether whole or in pieces', () => {
    expect(json).toBe(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
    expect([...statementJsonChunks(statement)].length).toBe(4); // head, one per contract, tail
  });
  it('writes an empty statement the same way', () => {
    const empty = statementToJson(statementOf({}));
    expect(empty).toBe(`${JSON.stringify({ policyVersion: '1office-sla-2025', contracts: [] }, null, 2)}\n`);
  });
});
