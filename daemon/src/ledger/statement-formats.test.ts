import { describe, expect, it } from 'vitest';
import { computeStatement, parseCaseFile } from '@sla/shared';
import { csvCell, statementHtml } from './statement-formats.ts';

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

// Issue #15: the HTML statement marks a notice no delivery record backs as declared.
describe('statement HTML', () => {
  it('names a window’s declared notices, on the contract’s clock', () => {
    const parsed = parseCaseFile({
      components: [{ id: 'app', tier: 'core' }],
      contracts: [{ id: 'C-1', annualFeeVnd: '36500000', components: ['app'], states: [{ state: 'active', from: '2025-01-01T00:00:00+07:00' }], creditAs: 'license' }],
      maintenance: [
        { id: 'M-1', kind: 'infrastructure', components: ['app'], start: '2025-03-10T22:00:00+07:00', end: '2025-03-11T02:00:00+07:00', notices: ['2025-03-08T10:00:00+07:00'] },
        { id: 'M-2', kind: 'infrastructure', components: ['app'], start: '2025-03-12T22:00:00+07:00', end: '2025-03-13T02:00:00+07:00', notices: [{ at: '2025-03-10T10:00:00+07:00', provenance: 'delivered' }] },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const html = statementHtml(computeStatement(parsed.caseFile), 'Customer', undefined);
    expect(html).toContain('<li>M-1 (infrastructure): valid; declared notices (no delivery record): 2025-03-08 10:00:00</li>');
    expect(html).toContain('<li>M-2 (infrastructure): valid</li>');
  });
});
