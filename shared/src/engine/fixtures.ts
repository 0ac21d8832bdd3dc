import type { CaseFileInput } from '../case-file/schema.ts';
import { computeStatement } from './compute-statement.ts';
import { parseCaseFile } from '../case-file/parse.ts';
import type { ContractStatement } from './statement.ts';

// Small case files for the engine's tests: one core component `app`, one
// active contract `C-1` (100,000 VND a day: 50,000 per 2 h block), and helpers
// to write instants as Vietnamese local times.

export const H = 3600;

/** `2025-03-03T09:00` in Ho Chi Minh City, as an ISO instant. */
export const vn = (local: string) => `${local}:00+07:00`;

export function baseCase(over: Partial<CaseFileInput> = {}): CaseFileInput {
  return {
    components: [
      { id: 'app', tier: 'core' },
      { id: 'db', tier: 'core' },
      { id: 'search', tier: 'feature' },
    ],
    contracts: [
      {
        id: 'C-1',
        annualFeeVnd: '36500000',
        components: ['app'],
        states: [{ state: 'active', from: vn('2025-01-01T00:00') }],
        creditAs: 'license',
      },
    ],
    ...over,
  };
}

/** Parses (it must be valid) and computes; the statement of each contract by id. */
export function run(input: CaseFileInput): Map<string, ContractStatement> {
  const parsed = parseCaseFile(input);
  if (!parsed.ok) throw new Error(`invalid test case:\n${parsed.problems.join('\n')}`);
  return new Map(computeStatement(parsed.caseFile).contracts.map((c) => [c.id, c]));
}

/** The one contract's statement. */
export function runOne(input: CaseFileInput, id = 'C-1'): ContractStatement {
  const statement = run(input).get(id);
  if (statement === undefined) throw new Error(`no contract ${id}`);
  return statement;
}

export const majorOutage = (id: string, start: string, end: string, component = 'app') => ({
  id,
  component,
  impact: 'major_outage' as const,
  start: vn(start),
  end: vn(end),
});
