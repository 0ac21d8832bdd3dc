import { describe, expect, it } from 'vitest';
import { dictionary } from './i18n/index.ts';
import { affectedComponents, overallStatus } from './component-status.ts';

describe('overallStatus', () => {
  it.each([
    { statuses: [], status: null, en: 'No components are monitored yet', vi: 'Chưa có thành phần nào được giám sát' },
    { statuses: ['operational', 'operational'], status: 'operational', en: 'All systems operational', vi: 'Mọi hệ thống hoạt động bình thường' },
    { statuses: ['operational', 'under_maintenance'], status: 'under_maintenance', en: 'Under maintenance', vi: 'Đang bảo trì' },
    { statuses: ['under_maintenance', 'degraded_performance'], status: 'degraded_performance', en: 'Some systems have degraded performance', vi: 'Một số hệ thống có hiệu năng suy giảm' },
    { statuses: ['partial_outage', 'major_outage', 'operational'], status: 'major_outage', en: 'Major outage', vi: 'Ngừng hoạt động' },
  ] as const)('$statuses → $status', ({ statuses, status, en, vi }) => {
    expect(overallStatus(statuses)).toBe(status);
    expect(dictionary('en').overall[status ?? 'none']).toBe(en);
    expect(dictionary('vi').overall[status ?? 'none']).toBe(vi);
  });

  it.each([
    { impacts: ['major'], status: 'partial_outage' },
    { impacts: ['minor', 'critical'], status: 'major_outage' },
    { impacts: ['none'], status: 'under_maintenance' },
  ] as const)('an unresolved incident of impact $impacts counts: $status', ({ impacts, status }) => {
    expect(overallStatus(['operational', 'under_maintenance'], impacts)).toBe(status);
  });
});

describe('affectedComponents', () => {
  it('names the components that are not operational, worst first, in page order within a status', () => {
    const components = [
      { id: 'a', status: 'under_maintenance' },
      { id: 'b', status: 'operational' },
      { id: 'c', status: 'partial_outage' },
      { id: 'd', status: 'major_outage' },
      { id: 'e', status: 'partial_outage' },
    ] as const;
    expect(affectedComponents(components).map((c) => c.id)).toEqual(['d', 'c', 'e', 'a']);
    expect(affectedComponents([{ id: 'b', status: 'operational' }])).toEqual([]);
  });

  it('counts what an unresolved incident says about the components it names', () => {
    const components = [
      { id: 'a', status: 'under_maintenance' },
      { id: 'b', status: 'operational' },
      { id: 'c', status: 'operational' },
    ] as const;
    const incidents = [{ impact: 'major', components: [{ id: 'b' }, { id: 'gone' }] }, { impact: 'none', components: [{ id: 'c' }] }] as const;
    expect(affectedComponents(components, incidents).map((c) => c.id)).toEqual(['b', 'a']);
  });
});
