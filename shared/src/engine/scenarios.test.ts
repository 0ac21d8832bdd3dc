import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeStatement, parseCaseFile, statementToJson } from './index.ts';

// The worked cases of ../shared/scenarios (case-file.md): each case file must
// give its expected statement byte for byte. The copies in shared/testdata
// keep the suite running in a clone without the team's shared folder.

const repoRoot = new URL('../../../', import.meta.url);
const copies = new URL('shared/testdata/scenarios/', repoRoot);
const originals = new URL('../shared/scenarios/', repoRoot);
const caseFiles = readdirSync(copies).filter((name) => name.endsWith('.json') && !name.endsWith('.expected.json'));

describe('scenarios', () => {
  it('are all there', () => {
    expect(caseFiles.length).toBeGreaterThanOrEqual(4);
  });

  it.each(caseFiles)('%s gives exactly its expected statement', (name) => {
    const parsed = parseCaseFile(JSON.parse(readFileSync(new URL(name, copies), 'utf8')));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const expected = readFileSync(new URL(name.replace(/\.json$/, '.expected.json'), copies), 'utf8');
    expect(statementToJson(computeStatement(parsed.caseFile))).toBe(expected);
  });

  it.skipIf(!existsSync(originals))('copies are byte-identical to ../shared/scenarios', () => {
    const names = readdirSync(originals).sort();
    expect(readdirSync(copies).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(new URL(name, copies)).equals(readFileSync(new URL(name, originals))), name).toBe(true);
  });
});
