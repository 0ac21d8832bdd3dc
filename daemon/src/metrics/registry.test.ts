import { parseConfig, type Config } from '@sla/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerTotal } from './ledger-families.ts';
import type { MaintenanceWindowFact } from './maintenance-families.ts';
import { createMetrics, type MetricSources } from './registry.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-05-10T23:00:00Z');

function config(extra = ''): Config {
  const parsed = parseConfig(`components:\n  - { id: app, name: App, tier: core }\n  - { id: docs, name: Docs, tier: feature }\n${extra}`, 'test.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

const made: Array<{ close: () => void }> = [];
afterEach(() => made.splice(0).forEach((m) => { m.close(); }));

function metrics(sources: Partial<MetricSources> & { config: MetricSources['config'] }) {
  const m = createMetrics(
    {
      componentStatus: () => 'operational',
      openOutages: async () => [],
      outageSeconds: async () => [],
      uptime: async () => [],
      ...sources,
    },
    { now: () => NOW, monotonic: () => performance.now(), onError: (message, error) => { throw new Error(`${message}: ${String(error)}`); } },
  );
  made.push(m);
  return m;
}
const samples = (text: string, name: string) => text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));

const totals: LedgerTotal[] = [
  { contract: 'c-1', source: 'outage', state: 'proposed', licenseSeconds: 43_200n, amountVnd: 50_000n },
  { contract: 'c-2', source: 'outage', state: 'proposed', licenseSeconds: 86_400n, amountVnd: 100_000n },
  { contract: 'c-1', source: 'outage', state: 'applied', licenseSeconds: -43_200n, amountVnd: -50_000n },
  { contract: 'c-2', source: 'repeat_bug', state: 'approved', licenseSeconds: 3_600n, amountVnd: 500_000n },
];
const ledger = { totals: async () => totals, excludedDowntime: async () => [{ component: 'app', reason: 'maintenance' as const, seconds: 1_200 }] };

describe('createMetrics: families of issue #4 appear only with their source', () => {
  it('without a ledger or maintenance source there is no money or maintenance family at all', async () => {
    const text = await metrics({ config: () => config() }).render();
    expect(text).not.toMatch(/sla_(credits|fines|contract_|excluded_downtime|maintenance_)/);
  });

  it('credits and fines are summed over contracts by state, zero for a state without entries', async () => {
    const text = await metrics({ config: () => config(), ledger }).render();
    expect(samples(text, 'sla_credits_vnd')).toEqual(['sla_credits_vnd{state="proposed"} 150000', 'sla_credits_vnd{state="approved"} 0', 'sla_credits_vnd{state="applied"} -50000']);
    expect(samples(text, 'sla_credits_license_seconds')).toEqual([
      'sla_credits_license_seconds{state="proposed"} 129600',
      'sla_credits_license_seconds{state="approved"} 0',
      'sla_credits_license_seconds{state="applied"} -43200',
    ]);
    expect(samples(text, 'sla_fines_vnd')).toEqual(['sla_fines_vnd{state="proposed"} 0', 'sla_fines_vnd{state="approved"} 500000', 'sla_fines_vnd{state="applied"} 0']);
    expect(samples(text, 'sla_excluded_downtime_seconds')).toContain('sla_excluded_downtime_seconds{component="app",reason="maintenance"} 1200');
    expect(samples(text, 'sla_excluded_downtime_seconds')).toHaveLength(2 * 4);
    // No contract label unless the config asks for it.
    expect(text).not.toContain('contract="');
  });

  it('per-contract money only with metrics.perContractMoney, following a reload', async () => {
    let current = config('metrics: { perContractMoney: true, bearerToken: 0123456789abcdef }\n');
    const m = metrics({ config: () => current, ledger });
    expect(samples(await m.render(), 'sla_contract_fines_vnd')).toEqual(['sla_contract_fines_vnd{contract="c-2",state="approved"} 500000']);
    current = config();
    expect(await m.render()).not.toContain('contract="');
  });

  it('maintenance: window in progress, overrun of an outage begun inside an ended window, violating windows by rule', async () => {
    const windows: MaintenanceWindowFact[] = [
      // docs: in progress now.
      { components: ['docs'], startsAt: NOW - HOUR, endsAt: NOW + HOUR, violations: ['notice_too_late'] },
      // app: ended 30 min ago; app's outage began inside it and is still open.
      { components: ['app'], startsAt: NOW - 3 * HOUR, endsAt: NOW - HOUR / 2, violations: ['ends_too_late'] },
    ];
    const text = await metrics({
      config: () => config(),
      maintenance: { windows: async () => windows },
      openOutages: async () => [{ component: 'app', impact: 'major_outage', startedAt: NOW - 2 * HOUR }],
    }).render();
    expect(samples(text, 'sla_maintenance_window_active')).toEqual(['sla_maintenance_window_active{component="app"} 0', 'sla_maintenance_window_active{component="docs"} 1']);
    expect(samples(text, 'sla_maintenance_overrun_seconds')).toEqual(['sla_maintenance_overrun_seconds{component="app"} 1800', 'sla_maintenance_overrun_seconds{component="docs"} 0']);
    // The ended window no longer counts; the running one does.
    expect(samples(text, 'sla_maintenance_window_violations').filter((l) => !l.endsWith(' 0'))).toEqual(['sla_maintenance_window_violations{rule="notice_too_late"} 1']);
  });

  it('an outage that began after the window ended is not an overrun', async () => {
    const text = await metrics({
      config: () => config(),
      maintenance: { windows: async () => [{ components: ['app'], startsAt: NOW - 3 * HOUR, endsAt: NOW - 2 * HOUR, violations: [] }] },
      openOutages: async () => [{ component: 'app', impact: 'major_outage', startedAt: NOW - HOUR }],
    }).render();
    expect(samples(text, 'sla_maintenance_overrun_seconds')).toContain('sla_maintenance_overrun_seconds{component="app"} 0');
  });
});

describe('createMetrics: ticket deadlines (issue #16)', () => {
  it('every class × deadline × outcome, 0 where none, and no contract label', async () => {
    const text = await metrics({
      config: () => config(),
      tickets: { counts: async () => [{ class: 'normal', deadline: 'acknowledge', outcome: 'met', count: 3 }, { class: 'upgrade', deadline: 'first_response', outcome: 'pending', count: 1 }] },
    }).render();
    const lines = samples(text, 'sla_ticket_deadlines');
    expect(lines).toHaveLength(6 * 3 * 3);
    expect(lines.filter((l) => !l.endsWith(' 0'))).toEqual([
      'sla_ticket_deadlines{class="normal",deadline="acknowledge",outcome="met"} 3',
      'sla_ticket_deadlines{class="upgrade",deadline="first_response",outcome="pending"} 1',
    ]);
    expect(lines.some((l) => l.includes('contract='))).toBe(false);
  });
});

describe('createMetrics: confidentiality breaches (issue #16)', () => {
  it('a count per state, 0 included, and no contract label', async () => {
    const text = await metrics({ config: () => config(), breaches: { counts: async () => ({ declared: 0, approved: 2 }) } }).render();
    expect(samples(text, 'sla_breaches')).toEqual(['sla_breaches{state="declared"} 0', 'sla_breaches{state="approved"} 2']);
  });
});

describe('createMetrics: component families', () => {
  it('status one-hot, open outages zero-filled, uptime only where known, outage seconds per class', async () => {
    const text = await metrics({
      config: () => config(),
      componentStatus: (id) => (id === 'app' ? 'major_outage' : 'operational'),
      openOutages: async () => [{ component: 'app', impact: 'major_outage', startedAt: NOW }],
      outageSeconds: async () => [{ component: 'app', class: 'very_critical', seconds: 7200 }],
      uptime: async () => [{ component: 'app', window: '24h', ratio: 0.75 }, { component: 'gone', window: '24h', ratio: 1 }],
    }).render();
    expect(samples(text, 'sla_component_status').filter((l) => l.endsWith(' 1'))).toEqual([
      'sla_component_status{component="app",status="major_outage"} 1',
      'sla_component_status{component="docs",status="operational"} 1',
    ]);
    expect(samples(text, 'sla_component_status')).toHaveLength(2 * 5);
    expect(samples(text, 'sla_open_outages').filter((l) => l.endsWith(' 1'))).toEqual(['sla_open_outages{component="app",impact="major_outage"} 1']);
    expect(samples(text, 'sla_open_outages')).toHaveLength(2 * 3);
    expect(samples(text, 'sla_uptime_ratio')).toEqual(['sla_uptime_ratio{component="app",window="24h"} 0.75']);
    expect(samples(text, 'sla_outage_seconds_total')).toContain('sla_outage_seconds_total{component="app",class="very_critical"} 7200');
    expect(samples(text, 'sla_outage_seconds_total')).toHaveLength(2 * 3);
    expect(samples(text, 'sla_component_info')).toEqual(['sla_component_info{component="app",tier="core"} 1', 'sla_component_info{component="docs",tier="feature"} 1']);
  });
});
