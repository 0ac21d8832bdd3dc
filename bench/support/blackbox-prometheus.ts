import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, onCleanup, startPinned, stopProcess, tail, waitForPort } from './processes.ts';

// The peer an SRE would otherwise run: Debian's blackbox_exporter (http_2xx
// module: a new connection per probe, as our daemon's default) driven by
// Debian's Prometheus, which scrapes /probe?target=… once per interval per
// target and stores the result in its TSDB. Both pinned to one core.

export interface Peer {
  pids: { blackbox: number; prometheus: number };
  /**
   * Over the `seconds` before `end`: scrapes Prometheus made (`up` samples), those that came back
   * (up = 1), probes that returned a result (`probe_success` samples) and those that succeeded.
   */
  probes: (endSeconds: number, seconds: number) => Promise<{ scrapes: number; scraped: number; answered: number; ok: number }>;
  /** Prometheus' own view of its scrape cadence: quantiles of the time between two scrapes of a target. */
  intervalQuantiles: () => Promise<Record<string, number>>;
  stop: () => Promise<void>;
}

export async function startBlackboxPrometheus(o: { core: number | undefined; targets: string[]; intervalS: number; timeoutS: number }): Promise<Peer> {
  const dir = mkdtempSync(join(tmpdir(), 'sla-bench-peer-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const [bbPort, promPort] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'blackbox.yml'), `modules:\n  http_2xx:\n    prober: http\n    timeout: ${o.timeoutS}s\n    http:\n      preferred_ip_protocol: ip4\n`);
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      `  scrape_interval: ${o.intervalS}s`,
      `  scrape_timeout: ${o.timeoutS}s`,
      'scrape_configs:',
      '  - job_name: blackbox',
      '    metrics_path: /probe',
      '    params: { module: [http_2xx] }',
      '    relabel_configs:',
      '      - { source_labels: [__address__], target_label: __param_target }',
      '      - { source_labels: [__param_target], target_label: instance }',
      `      - { target_label: __address__, replacement: "127.0.0.1:${bbPort}" }`,
      '    static_configs:',
      '      - targets:',
      ...o.targets.map((t) => `        - ${t}`),
      '',
    ].join('\n'),
  );
  const blackbox = startPinned(o.core, ['/usr/bin/prometheus-blackbox-exporter', `--config.file=${join(dir, 'blackbox.yml')}`, `--web.listen-address=127.0.0.1:${bbPort}`, '--log.level=warn']);
  const bbOut = tail(blackbox);
  await waitForPort(bbPort, 15_000, bbOut);
  const prometheus = startPinned(o.core, [
    '/usr/bin/prometheus',
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
    '--log.level=warn',
  ]);
  const promOut = tail(prometheus);
  await waitForPort(promPort, 30_000, promOut);
  const base = `http://127.0.0.1:${promPort}`;
  for (let i = 0; (await fetch(`${base}/-/ready`).then((r) => r.status, () => 0)) !== 200; i++) {
    if (i > 300) throw new Error(`Prometheus not ready after 30 s\n${promOut()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const scalar = async (query: string, time: number): Promise<number> => {
    const response = await fetch(`${base}/api/v1/query?${new URLSearchParams({ query, time: time.toFixed(3) })}`);
    const body = (await response.json()) as { status: string; data: { result: Array<{ value: [number, string] }> }; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus query ${query} failed: ${body.error}`);
    return Number(body.data.result[0]?.value[1] ?? 0);
  };
  return {
    pids: { blackbox: blackbox.pid!, prometheus: prometheus.pid! },
    probes: async (end, seconds) => ({
      scrapes: await scalar(`sum(count_over_time(up{job="blackbox"}[${seconds}s]))`, end),
      scraped: await scalar(`sum(sum_over_time(up{job="blackbox"}[${seconds}s]))`, end),
      answered: await scalar(`sum(count_over_time(probe_success{job="blackbox"}[${seconds}s]))`, end),
      ok: await scalar(`sum(sum_over_time(probe_success{job="blackbox"}[${seconds}s]))`, end),
    }),
    intervalQuantiles: async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      const out: Record<string, number> = {};
      for (const m of text.matchAll(/^prometheus_target_interval_length_seconds\{interval="[^"]+",quantile="([^"]+)"\} (\S+)$/gm)) out[m[1]!] = Number(m[2]);
      return out;
    },
    stop: async () => {
      await stopProcess(prometheus);
      await stopProcess(blackbox);
    },
  };
}
