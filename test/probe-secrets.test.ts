// Issue #14: an http monitor's credentials come from the environment, reach
// the target, and nowhere else — not the stored results, outages or monitor
// states, not the API, not /metrics — even when the target echoes them into
// the very text a failure message quotes.
import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../daemon/src/clock.ts';
import { startDaemon } from '../daemon/src/daemon.ts';
import { openTestDatabase, testDatabaseKinds } from '../daemon/src/db/testing.ts';
import type { Logger } from '../daemon/src/logger.ts';
import { recordingServer, type Recorder } from '../daemon/src/probers/testing/recorder.ts';
import { getJson } from './support/http.ts';

const TOKEN = 'e2e-token-3f9a1c';
const PASSWORD = 'e2e-password-77b2';
const env = { SLA_E2E_TOKEN: TOKEN, SLA_E2E_PASSWORD: PASSWORD };
const BASIC = Buffer.from(`probe:${PASSWORD}`).toString('base64');
const SECRETS = [TOKEN, PASSWORD, BASIC];

const logged: string[] = [];
const logger: Logger = { info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m, e) => logged.push(`${m} ${String(e)}`) };

describe.each(testDatabaseKinds())('secrets of http monitors on %s (issue #14)', (kind) => {
  let echo: Recorder;
  beforeAll(async () => {
    echo = await recordingServer((request, response) => {
      const auth = request.headers.authorization ?? '';
      response.writeHead(200, { 'x-echo': auth, 'content-type': 'application/json' }).end(JSON.stringify({ auth }));
    });
  });
  afterAll(() => echo?.close());

  it('are sent to the target and appear in no stored failure message, API answer, metric or log line', async () => {
    const yaml = [
      'components:',
      '  - { id: bearer, name: Bearer, tier: core }',
      '  - { id: basic, name: Basic, tier: core }',
      'monitors:',
      `  - { id: m-bearer, component: bearer, kind: http, target: "${echo.base}/b", interval: 100ms, timeout: 80ms,`,
      '      auth: { bearer: { tokenEnv: SLA_E2E_TOKEN } }, expect: { header: { name: x-echo, equals: nope } } }',
      `  - { id: m-basic, component: basic, kind: http, target: "${echo.base}/a", interval: 100ms, timeout: 80ms,`,
      '      auth: { basic: { username: probe, passwordEnv: SLA_E2E_PASSWORD } }, expect: { jsonPath: { path: $.auth, equals: nope } } }',
      'detection: { failuresToOpen: 2, successesToClose: 2 }',
    ].join('\n');
    const parsed = parseConfig(yaml, 'secrets.yaml', env);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const db = await openTestDatabase(kind);
    const daemon = await startDaemon({ config: parsed.config, db: db.db, clock: systemClock, logger, port: 0, statusSite: false, env });
    try {
      const deadline = Date.now() + 10_000;
      let outages: Array<{ component: string }> = [];
      while (outages.length < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        outages = (await getJson(`${daemon.url}/api/v1/outages`)).outages;
      }
      expect(outages.map((o) => o.component).sort()).toEqual(['basic', 'bearer']);
      const answers = await Promise.all(
        ['/api/v1/outages', '/api/v1/public/overview', '/api/v1/public/components/bearer', '/api/v1/public/components/basic', '/metrics'].map(async (path) => (await fetch(`${daemon.url}${path}`)).text()),
      );
      await daemon.stop(); // writes the buffered results
      const stored = await Promise.all(['probe_results', 'outages', 'monitor_states'].map((table) => db.db.selectFrom(table as 'outages').selectAll().execute()));
      // A probe of a busy machine may also time out; those quote nothing.
      const quoting = (stored[0] as Array<{ failure_kind: string | null; failure_message: string | null }>).filter((r) => r.failure_kind === 'body').map((r) => r.failure_message);

      // Sent, so the secrets were in play…
      expect(echo.received.some((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
      expect(echo.received.some((r) => r.headers.authorization === `Basic ${BASIC}`)).toBe(true);
      // …and every failure quoted the echo, redacted.
      expect(quoting.length).toBeGreaterThanOrEqual(4);
      expect(quoting.filter((m) => !m?.includes('[redacted]'))).toEqual([]);
      const everywhere = [JSON.stringify(stored), ...answers, ...logged].join('\n');
      for (const secret of SECRETS) expect(everywhere).not.toContain(secret);
    } finally {
      await daemon.stop();
      await db.close();
    }
  });
});
