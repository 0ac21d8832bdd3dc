import { describe, expect, it } from 'vitest';
import { componentStatus, impactOf } from './component-status.ts';

describe('component status from its monitors (Statuspage values)', () => {
  it.each([
    [[], 'operational'],
    [['up'], 'operational'],
    [['up', 'up'], 'operational'],
    [['degraded', 'up'], 'degraded_performance'],
    [['down', 'up'], 'partial_outage'],
    [['down', 'degraded'], 'partial_outage'],
    [['down'], 'major_outage'],
    [['down', 'down', 'down'], 'major_outage'],
  ] as const)('%j → %s', (states, status) => expect(componentStatus(states)).toBe(status));

  it.each([
    ['major_outage', 'major_outage'],
    ['partial_outage', 'partial_outage'],
    ['degraded_performance', 'degraded'],
    ['operational', undefined],
    ['under_maintenance', undefined],
  ] as const)('%s opens an outage of impact %s', (status, impact) => expect(impactOf(status)).toBe(impact));
});
