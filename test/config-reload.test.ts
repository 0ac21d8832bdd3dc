import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getJson } from './support/http.ts';
import { spawnDaemon, waitFor, type DaemonProcess } from './support/daemon-process.ts';

const component = (id: string) => `  - { id: ${id}, name: ${id.toUpperCase()}, tier: feature }\n`;

/** Issue #2: SIGHUP reloads; a bad new config is refused with the same errors and the old one keeps running. */
describe('config reload on SIGHUP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-reload-'));
  const file = join(dir, 'sla.yaml');
  let daemon: DaemonProcess | undefined;
  afterAll(async () => {
    daemon?.child.kill('SIGTERM');
    await daemon?.exited;
  });

  const ids = async () => ((await getJson(`${daemon!.url}/api/v1/components`)).components as Array<{ id: string }>).map((c) => c.id);
  const reloadMetric = async () => /^sla_config_last_reload_successful (\d)$/m.exec(await (await fetch(`${daemon!.url}/metrics`)).text())?.[1];

  it('refuses a bad config with file:line errors, keeps running, then applies a good one', async () => {
    writeFileSync(file, `components:\n${component('app')}database: { dir: "${join(dir, 'data')}" }\n`);
    daemon = await spawnDaemon(['--config', file], { DATABASE_URL: undefined });
    expect(await ids()).toEqual(['app']);

    writeFileSync(file, `components:\n${component('app')}  - { id: api, name: API, tier: platinum }\nmonitorz: []\n`);
    daemon.child.kill('SIGHUP');
    await waitFor('the refusal', async () => (daemon!.output().includes('config reload refused') ? true : undefined));
    await waitFor('the metric at 0', async () => ((await reloadMetric()) === '0' ? true : undefined));
    expect(daemon.output()).toContain(`${file}:3: components[1].tier: must be one of core, feature`);
    expect(daemon.output()).toContain(`${file}:4: monitorz: unknown key`);
    expect(await ids()).toEqual(['app']);

    writeFileSync(file, `components:\n${component('app')}${component('api')}database: { dir: "${join(dir, 'data')}" }\n`);
    daemon.child.kill('SIGHUP');
    await waitFor('the new component', async () => ((await ids()).length === 2 ? true : undefined));
    expect(await ids()).toEqual(['app', 'api']);
    expect(await reloadMetric()).toBe('1');
  }, 120_000);
});
