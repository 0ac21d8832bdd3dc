import { describe, expect, it } from 'vitest';
import { dictionary } from '@sla/shared/status/i18n/index.ts';
import { barHtml, escapedDayLabels } from './bar.ts';
import { formatters } from './format.ts';

const t = dictionary('en');
const f = formatters(t, 'UTC');
const days = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24'];

describe('barHtml', () => {
  it('one element per run of equal days, spanning them, titled with its first and last date', () => {
    const html = barHtml({ days, states: ['operational', 'operational', 'major_outage', 'operational', 'operational'], uptime: [1, 1, 0.5, 1, 1], total: 0.9, totalNarrow: 0.9 }, t, f, escapedDayLabels(days, f));
    expect(html).toBe(
      '<p class="bar-summary"><span class="wide">Last 90 days: uptime 90.00%. Major outage: 1 day</span><span class="narrow">Last 30 days: uptime 90.00%. Major outage: 1 day</span></p>' +
        '<div class="bar" aria-hidden="true">' +
        '<i class="o n2" title="20 Nov – 21 Nov: 100%"></i>' +
        '<i class="m" title="22 Nov: Major outage, 50.00%"></i>' +
        '<i class="o n2" title="23 Nov – 24 Nov: 100%"></i>' +
        '</div>',
    );
  });

  it('keeps days apart when their uptime differs, and counts every day in the summary', () => {
    const html = barHtml({ days, states: ['major_outage', 'major_outage', 'major_outage', 'no_data', 'no_data'], uptime: [0.5, 0.5, 0.9, null, null], total: null, totalNarrow: null }, t, f, escapedDayLabels(days, f));
    expect(html.match(/<i /g)).toHaveLength(3);
    expect(html).toContain('<span class="wide">Last 90 days: uptime no data. Major outage: 3 days; No data: 2 days</span>');
    expect(html).toContain('<i class="m n2" title="20 Nov – 21 Nov: Major outage, 50.00%"></i>');
  });

  it('breaks runs where the last 30 days begin and marks the older cells x, for narrow screens (issue #19)', () => {
    const ninety = Array.from({ length: 90 }, (_, i) => new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10));
    const html = barHtml({ days: ninety, states: ninety.map(() => 'operational'), uptime: ninety.map(() => 1), total: 1, totalNarrow: 1 }, t, f, escapedDayLabels(ninety, f));
    expect(html.match(/<i /g)).toHaveLength(2);
    expect(html).toContain('<i class="o n60 x" title="1 Sept – 30 Oct: 100%"></i><i class="o n30" title="31 Oct – 29 Nov: 100%"></i>');
  });

  it('makes each cell a link to its first day, out of the tab order, when given where days live', () => {
    const html = barHtml({ days, states: ['operational', 'operational', 'no_data', 'no_data', 'operational'], uptime: [1, 1, null, null, 1], total: 1, totalNarrow: 1, href: (day) => `/components/a&b#day-${day}` }, t, f, escapedDayLabels(days, f));
    expect(html).toContain('<a class="n n2" href="/components/a&#38;b#day-2026-11-22" tabindex="-1" aria-hidden="true" title="22 Nov – 23 Nov: No data"></a>');
    expect(html).toContain('<span class="wide">Last 90 days: uptime 100%. No data: 2 days</span>');
    expect(html).not.toContain('<i ');
  });

  it('says the last 30 days to a screen reader on a phone, where the bar shows 30, and 90 elsewhere (issue #19)', () => {
    const ninety = Array.from({ length: 90 }, (_, i) => new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10));
    const states = ninety.map((_, i) => (i === 10 ? 'major_outage' : i === 80 ? 'degraded' : 'operational') as 'operational');
    const html = barHtml({ days: ninety, states, uptime: ninety.map(() => 1), total: 0.99, totalNarrow: 0.995 }, t, f, escapedDayLabels(ninety, f));
    // site.css shows one of the two by the screen's width; the hidden one is out of the accessibility tree too.
    expect(html).toMatch(/^<p class="bar-summary"><span class="wide">Last 90 days: uptime 99.00%. Major outage: 1 day; Degraded performance: 1 day<\/span><span class="narrow">Last 30 days: uptime 99.50%. Degraded performance: 1 day<\/span><\/p><div class="bar" aria-hidden="true">/);
  });
});
