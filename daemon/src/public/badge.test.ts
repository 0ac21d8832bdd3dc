import { describe, expect, it } from 'vitest';
import { dictionary } from '@sla/shared/status/i18n/index.ts';
import { statusBadge, uptimeBadge } from './badge.ts';

const en = dictionary('en');

const widthOf = (svg: string) => Number(/^<svg [^>]*width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);

// Issue #12: text was measured at 6.8 px a character, so narrow names got
// wide badges and wide ones overflowed; badge-maker measures Verdana 11 px.
describe('badges', () => {
  it('are as wide as their text, not as its character count', () => {
    expect(widthOf(statusBadge('iiiiiiii', 'operational', en))).toBeLessThan(widthOf(statusBadge('WWWWWWWW', 'operational', en)));
  });

  it('carry the label and value as text and title, escaped', () => {
    const svg = statusBadge('Web <app> & co', 'major_outage', en);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>Web &lt;app&gt; &amp; co: major outage</title>');
    expect(uptimeBadge('API 30d', 0.99999, en)).toContain('<title>API 30d: 99.99%</title>');
    // As the page writes it (issue #19): no decimals when nothing was down.
    expect(uptimeBadge('API 30d', 1, en)).toContain('<title>API 30d: 100%</title>');
  });
});
