import { PROBE_STATES, type MonitorConfig, type MonitorKind, type ProbeState } from '@sla/shared';
import type { ProbeResult } from '../probers/types.ts';
import { createProbeSeries, LE, type ProbeSeries, type Slot } from './probe-series.ts';
import { escapeLabelValue, familyHeader, formatValue } from './text-format.ts';

export { PROBE_DURATION_BUCKETS } from './probe-series.ts';
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
/** Monitors per part of the output: ~100 KB strings, cheap to encode and collect. */
const PART_MONITORS = 256;

// The constant pieces of each line, so a line is four strings joined.
const BUCKET_LE = LE.map((le) => `,le="${le}"} `);
const RESULT_LABEL = PROBE_STATES.map((state) => `,result="${state}"} `);
const PHASE_LABEL = HTTP_PHASES.map((phase) => `,phase="${phase}"} `);

/** One family's lines for one monitor (no trailing newline), or '' when it has none. */
type Writer = (s: ProbeSeries, slot: Slot, label: string) => string;
const WRITERS: Writer[] = [
  (s, slot, l) => `sla_probe_success{${l}} ${s.success(slot)}`,
  (s, slot, l) => {
    let text = '';
    for (let i = 0; i < LE.length; i++) text += `sla_probe_duration_seconds_bucket{${l}${BUCKET_LE[i]}${s.bucket(slot, i)}\n`;
    return `${text}sla_probe_duration_seconds_sum{${l}} ${formatValue(s.sum(slot))}\nsla_probe_duration_seconds_count{${l}} ${s.count(slot)}`;
  },
  (s, slot, l) => {
    let text = `sla_probes_total{${l}${RESULT_LABEL[0]}${s.results(slot, 0)}`;
    for (let i = 1; i < PROBE_STATES.length; i++) text += `\nsla_probes_total{${l}${RESULT_LABEL[i]}${s.results(slot, i)}`;
    return text;
  },
  (s, slot, l) => {
    const status = s.httpStatus(slot);
    return status === undefined ? '' : `sla_probe_http_status_code{${l}} ${status}`;
  },
  (s, slot, l) => {
    const notAfter = s.tlsNotAfter(slot);
    return notAfter === undefined ? '' : `sla_probe_tls_cert_expiry_timestamp_seconds{${l}} ${formatValue(Math.floor(notAfter / 1000))}`;
  },
  (s, slot, l) => {
    if (!s.hasPhases(slot)) return '';
    let text = `sla_probe_http_duration_seconds{${l}${PHASE_LABEL[0]}${formatValue(s.phase(slot, 0))}`;
    for (let i = 1; i < HTTP_PHASES.length; i++) text += `\nsla_probe_http_duration_seconds{${l}${PHASE_LABEL[i]}${formatValue(s.phase(slot, i))}`;
    return text;
  },
];

/** What we keep per monitor besides its numbers: the kind its numbers are of, where they are, its label. */
interface Entry {
  kind: MonitorKind;
  slot: Slot;
  /** `monitor="<id>"`, escaped once. */
  label: string;
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
 *
 * A probe only updates numbers (probe-series.ts); the text is written when a
 * scrape asks for it (issue #7). Keeping each monitor's lines ready instead
 * held ~1.5 KB of strings per monitor (30 MB at 20,000) and made them anew at
 * every probe: garbage that lives one interval, so it reached the old
 * generation and grew the heap by ~3 MB a second.
 */
export function createProbeFamilies(monitors: () => readonly MonitorConfig[]): ProbeFamilies {
  const series = createProbeSeries();
  const entries = new Map<string, Entry>();
  let info: { for: readonly MonitorConfig[]; text: string } | undefined;

  return {
    record(monitor, result, recorded) {
      let e = entries.get(monitor.id);
      if (e !== undefined && e.kind !== monitor.kind) {
        series.free(e.slot);
        e = undefined;
      }
      if (e === undefined) {
        e = { kind: monitor.kind, slot: series.allocate(), label: `monitor="${escapeLabelValue(monitor.id)}"` };
        entries.set(monitor.id, e);
      }
      series.record(e.slot, result, PROBE_STATES.indexOf(recorded), monitor.kind === 'http' ? httpPhases(result) : undefined);
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
    if (entries.size > list.length) {
      const ids = new Set(list.map((m) => m.id));
      for (const [id, e] of entries)
        if (!ids.has(id)) {
          series.free(e.slot);
          entries.delete(id);
        }
    }
    if (info.text !== '') yield info.text;
    for (let f = 0; f < FAMILIES.length; f++) {
      const write = WRITERS[f]!;
      let batch = [HEADERS[f]!];
      let samples = false;
      for (const m of list) {
        const e = entries.get(m.id);
        // A reload that changed the monitor's kind: its old series describe another probe.
        if (e === undefined || e.kind !== m.kind) continue;
        const text = write(series, e.slot, e.label);
        if (text === '') continue;
        batch.push(text);
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
function httpPhases(result: ProbeResult): [number, number, number, number] {
  const t = result.timings ?? {};
  const connect = t.connectMs ?? (t.firstByteMs === undefined && t.tlsMs === undefined ? result.durationMs : 0);
  const tls = t.tlsMs ?? 0;
  const headersAt = t.firstByteMs ?? result.durationMs;
  return [connect / 1000, tls / 1000, Math.max(0, headersAt - connect - tls) / 1000, Math.max(0, result.durationMs - headersAt) / 1000];
}

function renderInfo(list: readonly MonitorConfig[]): string {
  const lines = list.map((m) => `sla_monitor_info{monitor="${escapeLabelValue(m.id)}",component="${escapeLabelValue(m.component)}",kind="${m.kind}"} 1`);
  return lines.length === 0 ? '' : [INFO, ...lines].join('\n');
}
