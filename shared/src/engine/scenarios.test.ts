import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeStatement, parseCaseFile, statementToJson } from './index.ts';

// The worked cases (docs/case-file.md "Worked cases"): each case file must
// give its expected statement byte for byte. They live in the repository, so
// they run in every clone (issue #13).

const repoRoot = new URL('../../../', import.meta.url);
const scenarios = new URL('shared/testdata/scenarios/', repoRoot);
const caseFiles = readdirSync(scenarios).filter((name) => name.endsWith('.json') && !name.endsWith('.expected.json'));

describe('scenarios', () => {
  it('are all there', () => {
    expect(caseFiles.length).toBeGreaterThanOrEqual(4);
  });

  it.each(caseFiles)('%s gives exactly its expected statement', (name) => {
    const parsed = parseCaseFile(JSON.parse(readFileSync(new URL(name, scenarios), 'utf8')));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const expected = readFileSync(new URL(name.replace(/\.json$/, '.expected.json'), scenarios), 'utf8');
    expect(statementToJson(computeStatement(parsed.caseFile))).toBe(expected);
  });
});
