import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { waitFor } from './support/daemon-process.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

/** A loopback service that can stop listening (connections refused, as when our network is cut) and listen again on its port. */
async function refusable() {
  let server: Server | undefined;
  const listen = (port = 0) =>
    new Promise<number>((resolve) => {
      server = createServer((_req, res) => res.end('ok'));
      server.listen(port, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port));
    });
  const port = await listen();
  const close = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  return { url: `http://127.0.0.1:${port}/`, refuse: close, answer: async () => void (await listen(port)), close };
}

interface ApiSuspect { id: number; component: string; startedAt: string; endedAt: string | null; decision: string | null; outage: number | null }

/** Each component's first suspect period: a loaded machine may time all probes out at once later, which is a new period. */
const firstPerComponent = (list: ApiSuspect[]) => [...Map.groupBy(list, (s) => s.component).values()].map((runs) => runs.reduce((a, b) => (a.id < b.id ? a : b)));

/**
 * Issue #14: without a canary, all monitors failing at the network level at once
 * is taken for our own cut-off and stored as unknown — which is also what a total
 * outage of the vendor looks like. Those runs are kept as suspect periods an
 * operator confirms (an outage, credited) or dismisses; nothing is lost silently.
 */
describe.each(testDatabaseKinds())('suspect periods on %s', (kind) => {
  let targets: Awaited<ReturnType<typeof refusable>>[];
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  let viewer: Operator;
  const suspects = async (): Promise<ApiSuspect[]> => (await viewer.get('/api/v1/suspect-periods')).body.suspectPeriods;

  beforeAll(async () => {
    targets = await Promise.all([refusable(), refusable(), refusable()]);
    await Promise.all(targets.map((x) => x.refuse()));
    t = await startTestDaemon(
      kind,
      `components:\n${targets.map((_, i) => `  - { id: c${i}, name: C${i}, tier: core }\n`).join('')}` +
        `monitors:\n${targets.map((x, i) => `  - { id: m${i}, component: c${i}, kind: http, target: "${x.url}", interval: 300ms, timeout: 250ms }\n`).join('')}` +
        `detection: { failuresToOpen: 2, successesToClose: 2 }\n`,
    );
    ops = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
    viewer = await operator(t.db.db, t.daemon.url, 'auditor', 'viewer');
  });
  afterAll(async () => {
    await t?.stop();
    await Promise.all((targets ?? []).map((x) => x.close()));
  });

  it('every target refused: one ongoing suspect period per monitor, no outage; not confirmable while it goes on', async () => {
    const ongoing = await waitFor('three ongoing suspect periods', async () => {
      const list = firstPerComponent(await suspects());
      return list.length === 3 && list.every((s) => s.endedAt === null) ? list : undefined;
    });
    expect(ongoing.map((s) => s.component).sort()).toEqual(['c0', 'c1', 'c2']);
    expect((await viewer.get('/api/v1/outages')).body.outages).toEqual([]);
    const early = await ops.post(`/api/v1/suspect-periods/${ongoing[0]!.id}/decision`, { decision: 'confirmed', reason: 'the vendor was down' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('still going on');
  });

  it('the targets answer again: the periods end; confirming one records its outage, audited; dismissing keeps none', async () => {
    await Promise.all(targets.map((x) => x.answer()));
    const ended = await waitFor('three ended suspect periods', async () => {
      const list = firstPerComponent(await suspects());
      return list.length === 3 && list.every((s) => s.endedAt !== null) ? list : undefined;
    });
    const byComponent = new Map(ended.map((s) => [s.component, s]));
    const c0 = byComponent.get('c0')!;

    expect((await viewer.post(`/api/v1/suspect-periods/${c0.id}/decision`, { decision: 'confirmed', reason: 'x' })).status).toBe(403);
    expect((await ops.post(`/api/v1/suspect-periods/${c0.id}/decision`, { decision: 'confirmed' })).status).toBe(400);
    expect((await ops.post('/api/v1/suspect-periods/999999/decision', { decision: 'dismissed', reason: 'x' })).status).toBe(404);

    const confirmed = await ops.post(`/api/v1/suspect-periods/${c0.id}/decision`, { decision: 'confirmed', reason: 'the vendor confirms its load balancer was down' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ decision: 'confirmed', reason: 'the vendor confirms its load balancer was down' });
    const { outages } = (await viewer.get('/api/v1/outages')).body;
    expect(outages.filter((o: { id: number }) => o.id === confirmed.body.outage)).toMatchObject([{ component: 'c0', impact: 'major_outage', startedAt: c0.startedAt, endedAt: c0.endedAt }]);
    const again = await ops.post(`/api/v1/suspect-periods/${c0.id}/decision`, { decision: 'dismissed', reason: 'changed my mind' });
    expect(again.status).toBe(409);

    const c1 = byComponent.get('c1')!;
    expect((await ops.post(`/api/v1/suspect-periods/${c1.id}/decision`, { decision: 'dismissed', reason: 'our uplink, per the ISP' })).body).toMatchObject({ decision: 'dismissed', outage: null });
    expect((await viewer.get('/api/v1/outages')).body.outages.filter((o: { component: string }) => o.component === 'c1')).toEqual([]);
    const undecided = (await viewer.get('/api/v1/suspect-periods?undecided=true')).body.suspectPeriods.map((s: ApiSuspect) => s.id);
    expect(undecided).toContain(byComponent.get('c2')!.id);
    expect(undecided).not.toContain(c0.id);
    expect(undecided).not.toContain(c1.id);

    const audit = (await viewer.get('/api/v1/audit')).body;
    const actions = JSON.stringify(audit);
    expect(actions).toContain('suspect.confirm');
    expect(actions).toContain('suspect.dismiss');
  });
});
