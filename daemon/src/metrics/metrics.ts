import type { MonitorKind } from '@sla/shared';
import type { ProbeResult } from '../probers/types.ts';

/**
 * What the rest of the daemon may do with its metrics: count, observe and
 * render them. The families and prom-client behind it are registry.ts's
 * business, so no other layer imports them (issue #13).
 */
export interface Metrics {
  /** The text format's Content-Type. */
  contentType: string;
  /** Everything in the text format, as parts written one after the other with a newline after each. */
  renderParts(): Promise<string[]>;
  streamParts(): Promise<Iterable<string>>;
  render(): Promise<string>;
  /** One probe as the monitor job recorded it (`recorded`: after the isolation guard). */
  recordProbe(monitor: { id: string; kind: MonitorKind }, result: ProbeResult, recorded: 'up' | 'degraded' | 'down' | 'unknown'): void;
  schedulerLag: Observed;
  schedulerSkips: Counted;
  statusPageRender: { observe(labels: { outcome: 'ok' | 'failed' }, seconds: number): void };
  dbWriteBatch: Observed;
  resultsDropped: Counted;
  configReloadSuccess: Gauged;
  configReloadTime: Gauged;
  /** 1 while this daemon leads its database (issue #14); `location` is its one location, so one series. */
  leader: { set(labels: { location: string }, value: number): void };
  close(): void;
}

export interface Observed {
  observe(seconds: number): void;
}

export interface Counted {
  inc(by?: number): void;
}

export interface Gauged {
  set(value: number): void;
}
