import { describe, expect, it } from 'vitest';
import { compareLines, totals, type CreditLine } from './statement.ts';

const outage = (ref: string, at: number): CreditLine => ({
  source: 'outage',
  ref,
  at,
  span: { start: at, end: at + 1 },
  outageSeconds: 1,
  creditableSeconds: 1,
  excluded: [],
  blocks: '0',
  licenseSeconds: 6n,
  amountVnd: 10n,
});
const bug = (ref: string, at: number, occurrence: number): CreditLine => ({
  source: 'repeat_bug',
  ref,
  at,
  occurrence,
  licenseSeconds: 3600n,
  amountVnd: 500_000n,
});
const name = (line: CreditLine) => `${line.ref}@${line.at}${line.source === 'repeat_bug' ? `#${line.occurrence}` : ''}`;

// docs/case-file.md: lines are ordered by time (outage start / occurrence reportedAt), then ref.
describe('compareLines', () => {
  it.each([
    { name: 'by time first', lines: [outage('A', 20), bug('B', 10, 2)], want: ['B@10#2', 'A@20'] },
    { name: 'then by ref', lines: [outage('O-2', 10), outage('O-1', 10)], want: ['O-1@10', 'O-2@10'] },
    { name: 'refs by code unit, not locale: Z before a', lines: [outage('a', 10), outage('Z', 10)], want: ['Z@10', 'a@10'] },
    { name: 'same time and ref: outage, then occurrences in order', lines: [bug('X', 5, 3), bug('X', 5, 2), outage('X', 5)], want: ['X@5', 'X@5#2', 'X@5#3'] },
  ])('$name', ({ lines, want }) => {
    expect([...lines].sort(compareLines).map(name)).toEqual(want);
  });
});

describe('totals', () => {
  it('adds license time and money of every line, exactly', () => {
    const lines = [outage('A', 1), bug('B', 2, 60), bug('B', 3, 61)];
    const big = 500_000n * 2n ** 58n;
    lines[1]!.amountVnd = big;
    lines[2]!.amountVnd = 2n * big;
    expect(totals(lines)).toEqual({ licenseSeconds: 6n + 3600n + 3600n, amountVnd: 10n + 3n * big });
  });
  it('is zero without lines', () => {
    expect(totals([])).toEqual({ licenseSeconds: 0n, amountVnd: 0n });
  });
});
