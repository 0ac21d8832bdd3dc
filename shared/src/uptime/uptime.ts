// The status page's uptime rule, in one place (issue #5). Time-based, so it
// agrees with how the SLA counts outages (docs/contract.md §1.1, §3):
//
//   uptime = 1 − downtime / observed time
//   observed time = the span − excused time − time nobody watched
//   excused time  = approved force majeure (terms §11) ∪ valid maintenance (SLA §C.1)
//   downtime      = partial or major outage during observed time
//
// Degraded performance is drawn but counts as available. Excused time and
// unknown time are left out of both sides, never counted as up. Instants are
// epoch milliseconds; intervals are half-open (shared/src/time/intervals.ts).
import type { Impact } from '../domain/sets.ts';
import { clip, intersect, measure, merge, subtract, type Interval } from '../time/intervals.ts';

/** What one cell of the 90-day bar shows, worst first (force majeure before maintenance, as the engine orders exclusions). */
export const DAY_STATES = ['major_outage', 'partial_outage', 'degraded', 'force_majeure', 'maintenance', 'operational', 'no_data'] as const;
export type DayState = (typeof DAY_STATES)[number];

export interface UptimeFacts {
  /** When watching the component began; nothing before counts. */
  monitoredFrom: number;
  /** Outages of the component; an open one ends at "now" (the caller's). */
  outages: ReadonlyArray<{ start: number; end: number; impact: Impact }>;
  /** Valid maintenance windows covering the component. */
  maintenance: readonly Interval[];
  /** Effective (approved, not withdrawn) force majeure covering the component. */
  forceMajeure: readonly Interval[];
  /** When no monitor of the component was watching (daemon down, prober isolated). */
  unknown: readonly Interval[];
}

/** The facts in normal form, computed once per component and measured over many spans. */
export interface PreparedFacts {
  monitoredFrom: number;
  major: Interval[];
  partial: Interval[];
  down: Interval[];
  degraded: Interval[];
  forceMajeure: Interval[];
  maintenance: Interval[];
  unknown: Interval[];
}

export interface SpanMeasure {
  observedMs: number;
  downMs: number;
  degradedMs: number;
  forceMajeureMs: number;
  maintenanceMs: number;
  unknownMs: number;
  /** 1 − downMs / observedMs; null when nothing was observed. */
  uptime: number | null;
  state: DayState;
}

export function prepareFacts(facts: UptimeFacts): PreparedFacts {
  const of = (impact: Impact) => merge(facts.outages.filter((o) => o.impact === impact).map((o) => ({ start: o.start, end: o.end })));
  const major = of('major_outage');
  const partial = subtract(of('partial_outage'), major);
  const forceMajeure = merge(facts.forceMajeure);
  return {
    monitoredFrom: facts.monitoredFrom,
    major,
    partial,
    down: merge([...major, ...partial]),
    degraded: of('degraded'),
    forceMajeure,
    // A second excused by both is force majeure's (exclusion priority, shared/src/engine/exclusions.ts).
    maintenance: subtract(merge(facts.maintenance), forceMajeure),
    unknown: merge(facts.unknown),
  };
}

/** Measures the span [start, end) by the rule above. */
export function measureSpan(facts: PreparedFacts, span: Interval): SpanMeasure {
  const start = Math.max(span.start, facts.monitoredFrom);
  if (!(start < span.end)) return EMPTY;
  // Most days of most components have nothing in them: answer those without allocating
  // (the front page measures 90 days × every component on each render).
  if (!QUIET_LISTS.some((list) => touches(facts[list], start, span.end))) {
    const observedMs = span.end - start;
    return { observedMs, downMs: 0, degradedMs: 0, forceMajeureMs: 0, maintenanceMs: 0, unknownMs: 0, uptime: 1, state: 'operational' };
  }
  const whole = [{ start, end: span.end }];
  const forceMajeure = clip(facts.forceMajeure, whole[0]!);
  const maintenance = clip(facts.maintenance, whole[0]!);
  const excused = merge([...forceMajeure, ...maintenance]);
  const unknown = subtract(clip(facts.unknown, whole[0]!), excused);
  const observed = subtract(subtract(whole, excused), unknown);
  const majorMs = measure(intersect(facts.major, observed));
  const partialMs = measure(intersect(facts.partial, observed));
  const downMs = majorMs + partialMs;
  const degradedMs = measure(subtract(intersect(facts.degraded, observed), facts.down));
  const observedMs = measure(observed);
  const forceMajeureMs = measure(forceMajeure);
  const maintenanceMs = measure(maintenance);
  return {
    observedMs,
    downMs,
    degradedMs,
    forceMajeureMs,
    maintenanceMs,
    unknownMs: measure(unknown),
    uptime: observedMs > 0 ? 1 - downMs / observedMs : null,
    state:
      majorMs > 0 ? 'major_outage'
      : partialMs > 0 ? 'partial_outage'
      : degradedMs > 0 ? 'degraded'
      : forceMajeureMs > 0 ? 'force_majeure'
      : maintenanceMs > 0 ? 'maintenance'
      : observedMs > 0 ? 'operational'
      : 'no_data',
  };
}

/**
 * measureSpan for spans in order that do not overlap (the days of a bar),
 * walking each list once: each span sees only the intervals that reach it.
 */
export function measureSpans(facts: PreparedFacts, spans: readonly Interval[]): SpanMeasure[] {
  const at: Record<(typeof LISTS)[number], number> = { major: 0, partial: 0, down: 0, degraded: 0, forceMajeure: 0, maintenance: 0, unknown: 0 };
  return spans.map((span) => {
    const local = { ...facts };
    for (const name of LISTS) {
      const list = facts[name];
      let i = at[name];
      while (i < list.length && list[i]!.end <= span.start) i++;
      at[name] = i;
      let j = i;
      while (j < list.length && list[j]!.start < span.end) j++;
      local[name] = i === 0 && j === list.length ? list : list.slice(i, j);
    }
    return measureSpan(local, span);
  });
}

const LISTS = ['major', 'partial', 'down', 'degraded', 'forceMajeure', 'maintenance', 'unknown'] as const;
const QUIET_LISTS = ['down', 'degraded', 'forceMajeure', 'maintenance', 'unknown'] as const;

/** Whether a list in normal form has anything inside [start, end). */
function touches(list: readonly Interval[], start: number, end: number): boolean {
  for (const i of list) {
    if (i.start >= end) return false;
    if (i.end > start) return true;
  }
  return false;
}

const EMPTY: SpanMeasure = Object.freeze({
  observedMs: 0,
  downMs: 0,
  degradedMs: 0,
  forceMajeureMs: 0,
  maintenanceMs: 0,
  unknownMs: 0,
  uptime: null,
  state: 'no_data',
});

/** The rolling windows the page shows, ending now. */
export const UPTIME_WINDOWS = ['24h', '7d', '30d', '90d'] as const;
export type UptimeWindow = (typeof UPTIME_WINDOWS)[number];
const HOUR_MS = 3_600_000;
export const UPTIME_WINDOW_MS: Record<UptimeWindow, number> = { '24h': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS, '30d': 30 * 24 * HOUR_MS, '90d': 90 * 24 * HOUR_MS };

export function uptimeWindows(facts: PreparedFacts, nowMs: number): Record<UptimeWindow, number | null> {
  const out = {} as Record<UptimeWindow, number | null>;
  for (const w of UPTIME_WINDOWS) out[w] = measureSpan(facts, { start: nowMs - UPTIME_WINDOW_MS[w], end: nowMs }).uptime;
  return out;
}
