import { PROBE_STATES } from '@sla/shared';
import type { ProbeResult } from '../probers/types.ts';

/** Seconds: a probe is a few milliseconds on a LAN, up to its timeout (seconds) when the target hangs. */
export const PROBE_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** The `le` of each bucket; the last, +Inf, counts every probe. */
export const LE = [...PROBE_DURATION_BUCKETS.map(String), '+Inf'];
/** An index into the series' numbers, one per monitor. */
export type Slot = number;

// Where each number sits in a monitor's stretch of each array: counts (whole
// numbers, read back as small integers, which print fast) and measurements.
const BUCKETS = 0;
const RESULTS = BUCKETS + LE.length;
const SUCCESS = RESULTS + PROBE_STATES.length;
const COUNTS = SUCCESS + 1;
const SUM = 0;
const HTTP_STATUS = 1;
const TLS_NOT_AFTER = 2;
const PHASES = 3;
const MEASURES = PHASES + 4;

/**
 * The numbers of the per-monitor families, every monitor's in two typed
 * arrays (issue #7): 124 bytes a monitor, where an object with arrays of
 * numbers took several times that and was one more set of objects per
 * monitor for the garbage collector to trace. NaN marks a measurement not
 * seen yet (no http status, no certificate, no phases). Counts are 32-bit:
 * a monitor probed every second wraps after 136 years, which Prometheus
 * reads as a counter reset.
 */
export interface ProbeSeries {
  allocate: () => Slot;
  /** The slot's numbers are forgotten and the slot may be handed out again. */
  free: (slot: Slot) => void;
  /** `recorded` is the index in PROBE_STATES; `phases` in seconds, given for http monitors (which also keep the status). */
  record: (slot: Slot, result: ProbeResult, recorded: number, phases: readonly number[] | undefined) => void;
  success: (slot: Slot) => number;
  /** Cumulative count of bucket `i` of LE. */
  bucket: (slot: Slot, i: number) => number;
  sum: (slot: Slot) => number;
  count: (slot: Slot) => number;
  results: (slot: Slot, i: number) => number;
  httpStatus: (slot: Slot) => number | undefined;
  tlsNotAfter: (slot: Slot) => number | undefined;
  hasPhases: (slot: Slot) => boolean;
  phase: (slot: Slot, i: number) => number;
}

export function createProbeSeries(initialSlots = 1024): ProbeSeries {
  let counts = new Uint32Array(initialSlots * COUNTS);
  let measures = new Float64Array(initialSlots * MEASURES);
  let used = 0;
  const freed: Slot[] = [];
  const maybe = (value: number) => (Number.isNaN(value) ? undefined : value);

  return {
    allocate() {
      let slot = freed.pop();
      if (slot === undefined) {
        if ((used + 1) * COUNTS > counts.length) {
          const moreCounts = new Uint32Array(counts.length * 2);
          moreCounts.set(counts);
          counts = moreCounts;
          const moreMeasures = new Float64Array(measures.length * 2);
          moreMeasures.set(measures);
          measures = moreMeasures;
        }
        slot = used++;
      }
      counts.fill(0, slot * COUNTS, (slot + 1) * COUNTS);
      measures.fill(Number.NaN, slot * MEASURES, (slot + 1) * MEASURES);
      measures[slot * MEASURES + SUM] = 0;
      return slot;
    },
    free: (slot) => void freed.push(slot),
    record(slot, result, recorded, phases) {
      const c = slot * COUNTS;
      const m = slot * MEASURES;
      const seconds = result.durationMs / 1000;
      counts[c + SUCCESS] = result.state === 'down' ? 0 : 1;
      for (let i = 0; i < PROBE_DURATION_BUCKETS.length; i++) if (seconds <= PROBE_DURATION_BUCKETS[i]!) counts[c + BUCKETS + i]!++;
      counts[c + BUCKETS + LE.length - 1]!++;
      counts[c + RESULTS + recorded]!++;
      measures[m + SUM]! += seconds;
      if (phases !== undefined) {
        measures[m + HTTP_STATUS] = result.httpStatus ?? 0;
        for (let i = 0; i < 4; i++) measures[m + PHASES + i] = phases[i]!;
      }
      // The certificate does not change because one probe failed before the handshake: keep the last seen.
      if (result.tlsNotAfter !== undefined) measures[m + TLS_NOT_AFTER] = result.tlsNotAfter;
    },
    success: (slot) => counts[slot * COUNTS + SUCCESS]!,
    bucket: (slot, i) => counts[slot * COUNTS + BUCKETS + i]!,
    sum: (slot) => measures[slot * MEASURES + SUM]!,
    count: (slot) => counts[slot * COUNTS + BUCKETS + LE.length - 1]!,
    results: (slot, i) => counts[slot * COUNTS + RESULTS + i]!,
    httpStatus: (slot) => maybe(measures[slot * MEASURES + HTTP_STATUS]!),
    tlsNotAfter: (slot) => maybe(measures[slot * MEASURES + TLS_NOT_AFTER]!),
    hasPhases: (slot) => !Number.isNaN(measures[slot * MEASURES + PHASES]!),
    phase: (slot, i) => measures[slot * MEASURES + PHASES + i]!,
  };
}
