import { describe, expect, it } from 'vitest';
import { overviewComponentSchema } from './overview.ts';

const component = (bar: unknown) => ({ id: 'a', name: 'A', group: null, tier: 'core', description: null, status: 'operational', uptime: { '24h': 1, '7d': 1, '30d': 1, '90d': null }, bar });

describe('overview bars', () => {
  it.each([
    { bar: { states: ['operational', 'major_outage', 'no_data'], uptime: [1, 0.5, null] }, ok: true },
    { bar: { states: ['operational', 'down'], uptime: [1, 0] }, ok: false },
    { bar: { states: ['operational'], uptime: [1.5] }, ok: false },
    { bar: { states: ['operational'], uptime: ['1'] }, ok: false },
    { bar: { states: 'operational', uptime: [1] }, ok: false },
  ])('$bar → $ok', ({ bar, ok }) => {
    expect(overviewComponentSchema.safeParse(component(bar)).success).toBe(ok);
  });
});
