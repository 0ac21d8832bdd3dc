import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html.ts';
import { parseQualityList } from './quality.ts';

describe('escapeHtml', () => {
  it('turns the five markup characters into numeric references and leaves the rest', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a> đã`)).toBe('&#60;a href=&#34;x&#34;&#62;Tom &#38; Jerry&#39;s&#60;/a&#62; đã');
  });
});

describe('parseQualityList', () => {
  it('ranks by q, keeps the sender’s order among equals, drops q=0 and unreadable weights', () => {
    expect(parseQualityList('en-US;q=0.8, vi, fr;q=0, de;q=abc, EN;q=0.8 ,gzip')).toEqual([
      { value: 'vi', q: 1 },
      { value: 'gzip', q: 1 },
      { value: 'en-us', q: 0.8 },
      { value: 'en', q: 0.8 },
    ]);
  });
});
