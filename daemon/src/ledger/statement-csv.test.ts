import { describe, expect, it } from 'vitest';
import { csvCell } from './statement-csv.ts';

// Issue #12: a statement opened in a spreadsheet must show its text as text.
describe('statement CSV cells', () => {
  it.each([
    ['plain', 'O-17', 'O-17'],
    ['a comma', 'a,b', '"a,b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line feed', 'a\nb', '"a\nb"'],
    ['a carriage return', 'a\rb', '"a\rb"'],
    ['a formula', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['a plus', '+1+1', "'+1+1"],
    ['a minus that is not a number', '-cmd', "'-cmd"],
    ['an at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=1', "'\t=1"],
    ['a leading carriage return', '\r=1', `"'\r=1"`],
  ])('%s', (_name, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('keeps numbers, negative ones included, as numbers', () => {
    expect(csvCell('-500000')).toBe('-500000');
    expect(csvCell(43200)).toBe('43200');
    expect(csvCell('2.5')).toBe('2.5');
    expect(csvCell(undefined)).toBe('');
  });
});
