import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from '../../daemon/src/probers/testing/loopback.ts';
import { waitFor } from './daemon-process.ts';

export interface Prometheus {
  url: string;
  /** An instant query through the HTTP API; throws on an error status. */
  query: (promql: string) => Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
  stop: () => Promise<void>;
}

export interface PrometheusOptions {
  ruleFiles?: string[];
  /** Prometheus durations; by default every second, as the test asks. */
  scrapeInterval?: string;
  scrapeTimeout?: string;
}

/**
 * A real Prometheus (Debian's /usr/bin/prometheus) on loopback with a
 * throwaway TSDB, scraping `target` (host:port) as job `sla-ledger`.
 */
export async function startPrometheus(target: string, o: PrometheusOptions = {}): Promise<Prometheus> {
  const { ruleFiles = [], scrapeInterval = '1s', scrapeTimeout = '900ms' } = o;
  const dir = mkdtempSync(join(tmpdir(), 'sla-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      `global: { scrape_interval: ${scrapeInterval}, evaluation_interval: ${scrapeInterval} }`,
      `rule_files: ${JSON.stringify(ruleFiles)}`,
      'scrape_configs:',
      '  - job_name: sla-ledger',
      `    scrape_timeout: ${scrapeTimeout}`,
      `    static_configs: [{ targets: ["${target}"] }]`,
      '',
    ].join('\n'),
  );
  const port = await closedPort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'prometheus',
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (c: Buffer) => { log += c.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitFor('prometheus ready', async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined), 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return {
    url,
    query: async (promql) => {
      const body = (await (await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`)).json()) as { status: string; error?: string; data: { result: any[] } };
      if (body.status !== 'success') throw new Error(`${promql}: ${body.error}`);
      return body.data.result;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
