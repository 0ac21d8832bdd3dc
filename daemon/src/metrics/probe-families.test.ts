import type { MonitorConfig } from '@sla/shared';
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../probers/types.ts';
import { createProbeFamilies } from './probe-families.ts';

const monitor = (id: string, kind: MonitorConfig['kind'], component = 'app') => ({ id, kind, component }) as MonitorConfig;
const lines = (text: string, prefix: string) => text.split('\n').filter((l) => l.startsWith(prefix));

describe('per-monitor families', () => {
  it('histogram buckets are cumulative, with sum and count, and results counted from zero', () => {
    const monitors = [monitor('web', 'tcp')];
    const f = createProbeFamilies(() => monitors);
    f.record(monitors[0]!, { state: 'up', durationMs: 3 }, 'up');
    f.record(monitors[0]!, { state: 'down', durationMs: 700, failure: { kind: 'timeout', message: 't' } }, 'down');
    const text = f.renderParts().join('\n');
    expect(lines(text, 'sla_probe_duration_seconds')).toEqual([
      ...['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5'].map((le) => `sla_probe_duration_seconds_bucket{monitor="web",le="${le}"} 1`),
      ...['1', '2.5', '5', '10', '+Inf'].map((le) => `sla_probe_duration_seconds_bucket{monitor="web",le="${le}"} 2`),
      'sla_probe_duration_seconds_sum{monitor="web"} 0.703',
      'sla_probe_duration_seconds_count{monitor="web"} 2',
    ]);
    expect(lines(text, 'sla_probes_total')).toEqual([
      'sla_probes_total{monitor="web",result="up"} 1',
      'sla_probes_total{monitor="web",result="degraded"} 0',
      'sla_probes_total{monitor="web",result="down"} 1',
      'sla_probes_total{monitor="web",result="unknown"} 0',
    ]);
    expect(lines(text, 'sla_probe_success')).toEqual(['sla_probe_success{monitor="web"} 0']);
    // Not an http monitor: no status, no phases.
    expect(text).not.toContain('sla_probe_http_');
  });

  it('http: last status (0 without a response) and phases that add up to the duration', () => {
    const monitors = [monitor('home', 'http')];
    const f = createProbeFamilies(() => monitors);
    const ok: ProbeResult = { state: 'up', durationMs: 100, httpStatus: 200, timings: { connectMs: 10, tlsMs: 20, firstByteMs: 90 } };
    f.record(monitors[0]!, ok, 'up');
    expect(lines(f.renderParts().join('\n'), 'sla_probe_http_')).toEqual([
      'sla_probe_http_status_code{monitor="home"} 200',
      'sla_probe_http_duration_seconds{monitor="home",phase="connect"} 0.01',
      'sla_probe_http_duration_seconds{monitor="home",phase="tls"} 0.02',
      'sla_probe_http_duration_seconds{monitor="home",phase="processing"} 0.06',
      'sla_probe_http_duration_seconds{monitor="home",phase="transfer"} 0.01',
    ]);
    f.record(monitors[0]!, { state: 'down', durationMs: 5, failure: { kind: 'refused', message: 'r' } }, 'down');
    expect(lines(f.renderParts().join('\n'), 'sla_probe_http_')).toEqual([
      'sla_probe_http_status_code{monitor="home"} 0',
      'sla_probe_http_duration_seconds{monitor="home",phase="connect"} 0.005',
      'sla_probe_http_duration_seconds{monitor="home",phase="tls"} 0',
      'sla_probe_http_duration_seconds{monitor="home",phase="processing"} 0',
      'sla_probe_http_duration_seconds{monitor="home",phase="transfer"} 0',
    ]);
  });

  it('keeps the last certificate expiry when a later probe fails before the handshake', () => {
    const monitors = [monitor('cert', 'tls')];
    const f = createProbeFamilies(() => monitors);
    f.record(monitors[0]!, { state: 'up', durationMs: 5, tlsNotAfter: 1_800_000_000_000 }, 'up');
    f.record(monitors[0]!, { state: 'down', durationMs: 5, failure: { kind: 'timeout', message: 't' } }, 'unknown');
    const text = f.renderParts().join('\n');
    expect(lines(text, 'sla_probe_tls_cert_expiry_timestamp_seconds')).toEqual(['sla_probe_tls_cert_expiry_timestamp_seconds{monitor="cert"} 1800000000']);
    expect(lines(text, 'sla_probes_total{monitor="cert",result="unknown"}')).toEqual(['sla_probes_total{monitor="cert",result="unknown"} 1']);
  });

  it('shows the running config only: info for every monitor, series dropped with a removed monitor, reset when its kind changes', () => {
    let monitors = [monitor('a', 'http'), monitor('b', 'tcp', 'db')];
    const f = createProbeFamilies(() => monitors);
    expect(f.renderParts().join('\n')).toBe(
      '# HELP sla_monitor_info Monitors of the running config, to join per-monitor series with their component and kind; always 1.\n' +
        '# TYPE sla_monitor_info gauge\n' +
        'sla_monitor_info{monitor="a",component="app",kind="http"} 1\n' +
        'sla_monitor_info{monitor="b",component="db",kind="tcp"} 1',
    );
    f.record(monitors[0]!, { state: 'up', durationMs: 1, httpStatus: 204 }, 'up');
    f.record(monitors[1]!, { state: 'up', durationMs: 1 }, 'up');
    monitors = [monitor('b', 'http', 'db')];
    const text = f.renderParts().join('\n');
    expect(text).not.toContain('monitor="a"');
    expect(lines(text, 'sla_probes_total{monitor="b"')).toEqual([]); // the tcp series are not the http monitor's
    f.record(monitors[0]!, { state: 'up', durationMs: 1, httpStatus: 200 }, 'up');
    expect(lines(f.renderParts().join('\n'), 'sla_probe_duration_seconds_count')).toEqual(['sla_probe_duration_seconds_count{monitor="b"} 1']);
  });
});
