// Issue #19: one wording per state, in each language, wherever the state is
// named: a component's status, its day on the bars and on its page, an
// outage's impact, the page's banner (a sentence holding the words), the badge
// (the same words in lower case). The daemon's feeds, badges and Statuspage
// descriptions take their words from here (daemon/src/public/statuspage.test.ts).
import { COMPONENT_STATUSES, type ComponentStatus, type Impact } from '../../domain/sets.ts';
import type { DayState } from '../../uptime/index.ts';
import { describe, expect, it } from 'vitest';
import { dictionary } from './index.ts';

/** The day state and the outage impact that are each status; a day of valid maintenance is its own state ("Maintenance"). */
const SAME_STATE: Record<ComponentStatus, { day?: DayState; impact?: Impact }> = {
  operational: { day: 'operational' },
  degraded_performance: { day: 'degraded', impact: 'degraded' },
  partial_outage: { day: 'partial_outage', impact: 'partial_outage' },
  major_outage: { day: 'major_outage', impact: 'major_outage' },
  under_maintenance: {},
};

describe.each(['vi', 'en'] as const)('%s: one wording per state', (lang) => {
  const t = dictionary(lang);
  const lower = (s: string) => s.toLocaleLowerCase(t.locale);

  it.each(COMPONENT_STATUSES)('%s', (status) => {
    const word = t.status[status];
    const { day, impact } = SAME_STATE[status];
    if (day !== undefined) expect(t.day[day]).toBe(word);
    if (impact !== undefined) expect(t.impact[impact]).toBe(word);
    expect(t.badge[status]).toBe(lower(word));
    expect(lower(t.overall[status])).toContain(lower(word));
  });

  it('a component in a window, and a group\'s count, in the same words', () => {
    expect(t.components.inWindow('X')).toBe(`${t.status.under_maintenance}: X.`);
    expect(t.components.inInvalidWindow('X').startsWith(`${t.status.under_maintenance}: X. `)).toBe(true);
    expect(t.components.groupCounts(2, 3)).toContain(lower(t.status.operational));
  });
});
