// Issue #19: a window on a component no contract covers is judged once, by
// the policy's rules in the policy's time zone (the public judgement), and the
// status page's JSON, the verdicts API and /metrics all carry that judgement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { waitFor } from './support/daemon-process.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

const HOUR = 3_600_000;
/**
 * A start in SLA §C.1's hours for infrastructure work (22:00–05:00 in Vietnam, 15:00–22:00 UTC) at least
 * ten minutes and under a day ahead: the window's only fault is its late notice, whatever the hour the
 * test runs (from now + 10 min it started outside the hours from 06:00 in Vietnam).
 */
function nightStart(now: number): number {
  const soon = now + 10 * 60_000;
  const hour = (soon % (24 * HOUR)) / HOUR;
  if (hour >= 15 && hour < 21.75) return soon;
  const day = Math.floor(soon / (24 * HOUR)) * 24 * HOUR;
  return hour < 15 ? day + 15 * HOUR : day + 24 * HOUR + 15 * HOUR;
}

describe.each(testDatabaseKinds())('the public judgement of an uncovered window on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  let windowId: number;
  beforeAll(async () => {
    t = await startTestDaemon(kind, 'components:\n  - { id: web, name: Web app, tier: core }\n');
    ops = await operator(t.db.db, t.daemon.url, 'ops', 'operator');
    const now = t.clock.now();
    // Announced ten minutes ahead: too late a notice under SLA §C.1, whichever contract would read it
    // (forced: the API refuses it otherwise, issue #15).
    const created = await ops.post('/api/v1/maintenance', { kind: 'infrastructure', title: 'Rushed upgrade', components: ['web'], startsAt: new Date(nightStart(now)).toISOString(), endsAt: new Date(nightStart(now) + 50 * 60_000).toISOString(), force: true });
    expect(created.status).toBe(201);
    windowId = created.body.id;
  });
  afterAll(() => t?.stop());

  const publicViolations = async () => {
    const body = (await (await fetch(`${t.daemon.url}/api/v1/public/maintenance`)).json()) as Record<string, unknown>;
    const windows = Object.values(body).flatMap((v) => (Array.isArray(v) ? v : [])) as Array<{ id: number; valid: boolean; violations: string[] }>;
    return windows.find((w) => w.id === windowId)!;
  };

  it('the verdicts API gives the public judgement the page shows, and no contract verdicts', async () => {
    const shown = await publicViolations();
    expect(shown.valid).toBe(false);
    expect(shown.violations).toContain('notice_too_late');
    const { verdicts, publicVerdict } = (await ops.get(`/api/v1/maintenance/${windowId}/verdicts`)).body;
    expect(verdicts).toEqual([]);
    expect(publicVerdict).toEqual({ timeZone: 'Asia/Ho_Chi_Minh', valid: false, violations: shown.violations });
  });

  it('sla_maintenance_window_violations counts it under each rule the page names', async () => {
    const { violations } = await publicViolations();
    const text = await waitFor('the window in /metrics', async () => {
      const body = await (await fetch(`${t.daemon.url}/metrics`)).text();
      return body.includes('sla_maintenance_window_active{component="web"} 1') || body.includes(`sla_maintenance_window_violations{rule="${violations[0]}"} 1`) ? body : undefined;
    }, 10_000);
    for (const rule of violations) expect(text).toContain(`sla_maintenance_window_violations{rule="${rule}"} 1`);
  });

  it('the feeds say whose rules judged it: SLA §C.1 in Vietnam’s time, not a contract no one holds', async () => {
    const en = await (await fetch(`${t.daemon.url}/history.atom?lang=en`)).text();
    expect(en).toContain('does not meet the notice and hours rules of SLA §C.1 (notice too late), read in Vietnam’s time (GMT+7): downtime during it counts against uptime.');
    expect(en).not.toContain('the contract');
    const vi = await (await fetch(`${t.daemon.url}/history.atom`)).text();
    expect(vi).toContain('không đáp ứng quy định về thông báo và khung giờ của SLA mục C.1 (thông báo quá muộn), tính theo giờ Việt Nam (GMT+7): thời gian gián đoạn trong đó bị trừ vào tỷ lệ hoạt động.');
  });
});
