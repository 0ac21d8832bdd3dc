import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { outageClass, readOpenOutages, readOutageSeconds } from './outage-seconds.ts';

describe('outageClass', () => {
  it.each([
    ['major_outage', 'core', undefined, 'very_critical'],
    ['major_outage', 'feature', undefined, 'critical'],
    ['partial_outage', 'core', undefined, 'critical'],
    ['degraded', 'core', undefined, 'critical'],
    ['degraded', 'feature', 'very_critical', 'very_critical'],
    ['major_outage', 'core', 'normal', 'normal'],
    ['partial_outage', 'core', 'critical', 'critical'],
  ] as const)('%s on a %s component, override %s → %s', (impact, tier, override, expected) => {
    expect(outageClass(impact, tier, override)).toBe(expected);
  });
});

describe.each(testDatabaseKinds())('outage seconds on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    const db = opened.db;
    const updated_at = new Date('2026-01-01T00:00:00Z');
    await db.insertInto('components').values([
      { id: 'app', name: 'App', tier: 'core', position: 0, group_name: null, description: null, updated_at },
      { id: 'docs', name: 'Docs', tier: 'feature', position: 1, group_name: null, description: null, updated_at },
    ]).execute();
    const outage = (component_id: string, impact: 'major_outage' | 'partial_outage' | 'degraded', start: string, end: string | null, class_override?: 'very_critical' | 'normal') => ({
      component_id, impact, started_at: new Date(start), ended_at: end === null ? null : new Date(end), ...(class_override ? { class_override } : {}),
    });
    await db.insertInto('outages').values([
      outage('app', 'major_outage', '2026-05-01T00:00:00Z', '2026-05-01T02:00:00Z'),
      outage('app', 'partial_outage', '2026-05-02T00:00:00Z', '2026-05-02T01:00:00Z'),
      outage('app', 'major_outage', '2026-05-03T00:00:00Z', '2026-05-03T01:00:00Z', 'normal'),
      outage('app', 'major_outage', '2026-05-04T00:00:00Z', null),
      outage('docs', 'major_outage', '2026-05-01T00:00:00Z', '2026-05-01T00:30:00.500Z'),
      outage('docs', 'degraded', '2026-05-02T00:00:00Z', '2026-05-02T00:10:00Z', 'very_critical'),
    ]).execute();
  });
  afterAll(() => opened?.close());

  it('sums closed outages per component and class; open ones are not counted yet', async () => {
    const rows = await readOutageSeconds(opened.db);
    const sorted = rows.sort((a, b) => `${a.component}${a.class}`.localeCompare(`${b.component}${b.class}`));
    expect(sorted).toEqual([
      { component: 'app', class: 'critical', seconds: 3600 },
      { component: 'app', class: 'normal', seconds: 3600 },
      { component: 'app', class: 'very_critical', seconds: 7200 },
      { component: 'docs', class: 'critical', seconds: 1800.5 },
      { component: 'docs', class: 'very_critical', seconds: 600 },
    ]);
  });

  it('reads the open outage with its start', async () => {
    expect(await readOpenOutages(opened.db)).toEqual([{ component: 'app', impact: 'major_outage', startedAt: Date.parse('2026-05-04T00:00:00Z') }]);
  });
});
