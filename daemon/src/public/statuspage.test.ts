import { COMPONENT_STATUSES, type ComponentStatus } from '@sla/shared';
import { dictionary } from '@sla/shared/status/i18n/index.ts';
import type { IncidentImpact } from '@sla/shared/public-api/sets.ts';
import { describe, expect, it } from 'vitest';
import { pageStatus } from './statuspage.ts';

const components = (statuses: ComponentStatus[]) => statuses.map((status) => ({ status, group: false }) as Parameters<typeof pageStatus>[0][number]);
const incidents = (impacts: IncidentImpact[]) => impacts.map((impact) => ({ impact }));

describe('pageStatus (Statuspage indicator)', () => {
  it.each([
    { statuses: [], impacts: [], expected: { indicator: 'none', description: 'All systems operational' } },
    { statuses: ['operational', 'partial_outage'], impacts: ['minor'], expected: { indicator: 'major', description: 'Partial outage' } },
    { statuses: ['operational'], impacts: ['critical', 'minor'], expected: { indicator: 'critical', description: 'Major outage' } },
    // A tie on the coarser indicator keeps the components' words, though the status site's overall line says degraded (issue #13).
    { statuses: ['under_maintenance'], impacts: ['minor'], expected: { indicator: 'minor', description: 'Under maintenance' } },
    { statuses: ['under_maintenance'], impacts: ['major'], expected: { indicator: 'major', description: 'Partial outage' } },
  ] as const)('$statuses with incidents $impacts → $expected.description', ({ statuses, impacts, expected }) => {
    expect(pageStatus(components([...statuses]), incidents([...impacts]))).toEqual(expected);
  });

  // Issue #19: one wording per state: the page's banner words in English, not Statuspage's own ("Minor Service Outage" for degraded performance).
  it.each(COMPONENT_STATUSES)('describes %s in the words of the status page’s banner', (status) => {
    expect(pageStatus(components([status]), []).description).toBe(dictionary('en').overall[status]);
  });

  it('leaves group rows out: their status is their children’s', () => {
    const group = { status: 'major_outage', group: true } as Parameters<typeof pageStatus>[0][number];
    expect(pageStatus([...components(['operational']), group], []).indicator).toBe('none');
  });
});
