import { describe, expect, it } from 'vitest';
import { parseCaseFile } from '../case-file/parse.ts';
import type { CaseFileInput } from '../case-file/schema.ts';
import { computeStatement } from './compute-statement.ts';
import { baseCase, majorOutage, vn } from './fixtures.ts';
import { contractJson } from './statement-json.ts';
import { statementToText } from './statement-text.ts';

// Issue #15: the statement marks each notice no delivery record backs as declared.
const input = (declaredNoticesCount: boolean): CaseFileInput =>
  baseCase({
    policy: { declaredNoticesCount },
    outages: [majorOutage('O-1', '2025-03-10T22:00', '2025-03-11T02:00')],
    maintenance: [
      { id: 'M-said', kind: 'infrastructure', components: ['app'], start: vn('2025-03-10T22:00'), end: vn('2025-03-11T02:00'), notices: [vn('2025-03-08T10:00')] },
      {
        id: 'M-sent',
        kind: 'infrastructure',
        components: ['app'],
        start: vn('2025-03-12T22:00'),
        end: vn('2025-03-13T02:00'),
        notices: [{ at: vn('2025-03-10T10:00'), provenance: 'delivered' }],
      },
    ],
  });
const statement = (declaredNoticesCount: boolean) => {
  const parsed = parseCaseFile(input(declaredNoticesCount));
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return computeStatement(parsed.caseFile);
};

describe('declared notices in the statement', () => {
  it('lists the declared notices of a window in JSON, and nothing for one delivered', () => {
    expect(contractJson(statement(true).contracts[0]!).maintenance).toEqual([
      { ref: 'M-said', valid: true, violations: [], declaredNotices: ['2025-03-08T03:00:00Z'] },
      { ref: 'M-sent', valid: true, violations: [] },
    ]);
  });

  it('says in the text which notice was declared, and why it does not count when the policy says so', () => {
    const lines = statementToText(statement(false)).split('\n');
    expect(lines).toContain('      notice of 2025-03-08 10:00 declared by an operator, with no delivery record');
    expect(lines).toContain('      notice_not_delivered: every notice was declared by an operator, none delivered, and this policy counts only delivered ones; infrastructure needs one ≥ 24 h before the start');
    expect(statement(false).contracts[0]!.credits.map((c) => c.ref)).toEqual(['O-1']);
  });
});
