import { describe, expect, it } from 'vitest';
import { overallStatus } from './component-status.ts';

describe('overallStatus', () => {
  it.each([
    { statuses: [], status: null, label: 'No components are monitored yet' },
    { statuses: ['operational', 'operational'], status: 'operational', label: 'All systems operational' },
    { statuses: ['operational', 'under_maintenance'], status: 'under_maintenance', label: 'Maintenance in progress' },
    { statuses: ['under_maintenance', 'degraded_performance'], status: 'degraded_performance', label: 'Some systems have degraded performance' },
    { statuses: ['partial_outage', 'major_outage', 'operational'], status: 'major_outage', label: 'Major outage' },
  ] as const)('$statuses → $status', ({ statuses, status, label }) => {
    expect(overallStatus(statuses)).toEqual({ status, label });
  });
});
