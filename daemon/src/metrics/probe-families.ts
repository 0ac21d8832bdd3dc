import { PROBE_STATES, type MonitorConfig, type MonitorKind, type ProbeState } from '@sla/shared';
import type { ProbeResult } from '../probers/types.ts';
import { escapeLabelValue, familyHeader, formatValue } from './text-format.ts';

/** Seconds: a probe is a few milliseconds on a LAN, up to its timeout (seconds) when the target hangs. */
export const PROBE_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** blackbox_exporter's probe_http_duration_seconds phases; they add up to the probe's duration. */
export const HTTP_PHASES = ['connect', 'tls', 'processing', 'transfer'] as const;

const FAMILIES = [
  ['sla_probe_success', 'gauge', 'Whether the last probe of the monitor succeeded (1: up or degraded) or not (0).'],
  ['sla_probe_duration_seconds', 'histogram', 'Duration of probes.'],
  ['sla_probes_total', 'counter', 'Probes by recorded result (unknown: the prober was isolated).'],
  ['sla_probe_http_status_code', 'gauge', 'HTTP status of the last probe of an http monitor; 0 when no response came.'],
  ['sla_probe_tls_cert_expiry_timestamp_seconds', 'gauge', 'When the certificate last seen by the monitor expires (notAfter), Unix seconds.'],
  ['sla_probe_http_duration_seconds', 'gauge', 'Duration of each phase of the last http probe (connect includes name resolution; 0: the phase did not happen, e.g. a reused connection).'],
] as const;
const INFO = familyHeader('sla_monitor_info', 'gauge', 'Monitors of the running config, to join per-monitor series with their component and kind; always 1.');
const HEADERS = FAMILIES.map(([name, type, help]) => familyHeader(name, type, help));
const LE = [...PROBE_DURATION_BUCKETS.map(String), '+Inf'];
/** Monitors per part of the output: ~100 KB strings, cheap to encode and collect. */
const PART_MONITORS = 256;

interface MonitorSeries {
  kind: MonitorKind;
  success: number;
  /** Cumulative counts per bucket of LE (the last is +Inf = count). */
  buckets: number[];
  sum: number;
  results: number[];
  httpStatus?: number;
  tlsNotAfter?: number;
  phases?: number[];
  /** Each family's lines for this monitor, written when it is probed so that a scrape only joins strings. */
  text: string[];
}

export interface ProbeFamilies {
  record: (monitor: Pick<MonitorConfig, 'id' | 'kind'>, result: ProbeResult, recorded: ProbeState) => void;
  /**
   * The families in the text format, monitors in config order, only those of
   * the running config: as parts of a few hundred lines each (no trailing
   * newline), so a scrape never builds one string of the whole (10,000
   * monitors: 17 MB), which costs copies and garbage collection.
   */
  renderParts: () => string[];
  /** The same parts, each made when it is taken. */
  streamParts: () => Generator<string>;
}

/**
 * Per-monitor families, written by us rather than prom-client (see
 * text-format.ts): the only families whose size grows with the monitor count.
 */
export function createProbeFamilies(monitors: () => readonly MonitorConfig[]): ProbeFamilies {
  const series = new Map<string, MonitorSeries>();
  let info: { for: readonly MonitorConfig[]; text: string } | undefined;

  return {
    record(monitor, result, recorded) {
      let s = series.get(monitor.id);
      if (s === undefined || s.kind !== monitor.kind) {
        s = { kind: monitor.kind, success: 0, buckets: LE.map(() => 0), sum: 0, results: PROBE_STATES.map(() => 0), text: [] };
        series.set(monitor.id, s);
      }
      const seconds = result.durationMs / 1000;
      s.success = result.state === 'down' ? 0 : 1;
      for (let i = 0; i < PROBE_DURATION_BUCKETS.length; i++) if (seconds <= PROBE_DURATION_BUCKETS[i]!) s.buckets[i]!++;
      s.buckets[LE.length - 1]!++;
      s.sum += seconds;
      s.results[PROBE_STATES.indexOf(recorded)]!++;
      if (monitor.kind === 'http') {
        s.httpStatus = result.httpStatus ?? 0;
        s.phases = httpPhases(result);
      }
      // The certificate does not change because one probe failed before the handshake: keep the last seen.
      if (result.tlsNotAfter !== undefined) s.tlsNotAfter = result.tlsNotAfter;
      s.text = renderMonitor(monitor.id, s);
    },
    renderParts: () => [...streamParts()],
    streamParts,
  };

  /**
   * The parts one at a time, each made when it is asked for: the /metrics
   * route sends a part while the next is joined, and never holds the whole
   * body (17 MB at 10,000 monitors) at once.
   */
  function* streamParts(): Generator<string> {
    const list = monitors();
    if (info?.for !== list) info = { for: list, text: renderInfo(list) };
    if (series.size > list.length) {
      const ids = new Set(list.map((m) => m.id));
      for (const id of series.keys()) if (!ids.has(id)) series.delete(id);
    }
    if (info.text !== '') yield info.text;
    for (let f = 0; f < FAMILIES.length; f++) {
      let batch = [HEADERS[f]!];
      let samples = false;
      for (const m of list) {
        const s = series.get(m.id);
        // A reload that changed the monitor's kind: its old series describe another probe.
        if (s === undefined || s.kind !== m.kind || s.text[f] === '') continue;
        batch.push(s.text[f]!);
        samples = true;
        if (batch.length === PART_MONITORS) {
          yield batch.join('\n');
          batch = [];
        }
      }
      if (samples && batch.length > 0) yield batch.join('\n');
    }
  }
}

/**
 * ms timings → seconds per phase; each phase its own span, so they add up to
 * the duration. No connect time and no response: the probe never got a
 * connection (refused, timed out connecting), so its whole time was connect.
 */
function httpPhases(result: ProbeResult): number[] {
  const t = result.timings ?? {};
  const connect = t.connectMs ?? (t.firstByteMs === undefined && t.tlsMs === undefined ? result.durationMs : 0);
  const tls = t.tlsMs ?? 0;
  const headersAt = t.firstByteMs ?? result.durationMs;
  return [connect, tls, Math.max(0, headersAt - connect - tls), Math.max(0, result.durationMs - headersAt)].map((ms) => ms / 1000);
}

function renderMonitor(id: string, s: MonitorSeries): string[] {
  const l = `monitor="${escapeLabelValue(id)}"`;
  const histogram = LE.map((le, i) => `sla_probe_duration_seconds_bucket{${l},le="${le}"} ${s.buckets[i]}`);
  histogram.push(`sla_probe_duration_seconds_sum{${l}} ${formatValue(s.sum)}`, `sla_probe_duration_seconds_count{${l}} ${s.buckets[LE.length - 1]}`);
  return [
    `sla_probe_success{${l}} ${s.success}`,
    histogram.join('\n'),
    PROBE_STATES.map((state, i) => `sla_probes_total{${l},result="${state}"} ${s.results[i]}`).join('\n'),
    s.httpStatus === undefined ? '' : `sla_probe_http_status_code{${l}} ${s.httpStatus}`,
    s.tlsNotAfter === undefined ? '' : `sla_probe_tls_cert_expiry_timestamp_seconds{${l}} ${formatValue(Math.floor(s.tlsNotAfter / 1000))}`,
    s.phases === undefined ? '' : HTTP_PHASES.map((phase, i) => `sla_probe_http_duration_seconds{${l},phase="${phase}"} ${formatValue(s.phases![i]!)}`).join('\n'),
  ];
}

function renderInfo(list: readonly MonitorConfig[]): string {
  const lines = list.map((m) => `sla_monitor_info{monitor="${escapeLabelValue(m.id)}",component="${escapeLabelValue(m.component)}",kind="${m.kind}"} 1`);
  return lines.length === 0 ? '' : [INFO, ...lines].join('\n');
}
