import { describe, expect, it } from 'vitest';
import { excerpt } from './excerpt.ts';

describe('excerpt', () => {
  it('leaves a short text whole', () => {
    expect(excerpt('A certificate expired; renewing it.')).toBeNull();
    expect(excerpt('one\ntwo')).toBeNull();
  });

  it('cuts a long line at a word', () => {
    const text = `${'word '.repeat(40)}end`;
    const start = excerpt(text, 22);
    expect(start).toBe('word word word word…');
  });

  it('keeps the first lines of a text with more lines than that', () => {
    expect(excerpt('first\nsecond\nthird', 160, 2)).toBe('first\nsecond…');
  });

  it('cuts inside a word only when no space is near the end', () => {
    expect(excerpt('x'.repeat(30), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});
