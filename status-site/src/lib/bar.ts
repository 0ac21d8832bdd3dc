// The 90-day bar, written as one HTML string: it is 90 cells × every
// component on the front page (18,000 for 200 components), and building it
// here costs a fraction of rendering that many Astro elements. Everything
// interpolated is escaped.
import type { DayState } from '@sla/shared/uptime/index.ts';
import type { Dictionary } from '../i18n/index.ts';
import type { Formatters } from './format.ts';

/** One letter per state keeps 18,000 cells small; site.css colours them. */
export const CELL_CLASS: Record<DayState, string> = {
  major_outage: 'm',
  partial_outage: 'p',
  degraded: 'd',
  force_majeure: 'f',
  maintenance: 'w',
  operational: 'o',
  no_data: 'n',
};

export interface BarInput {
  days: readonly string[];
  states: readonly DayState[];
  uptime: readonly (number | null)[];
  /** Uptime over the whole 90 days, for the summary. */
  total: number | null;
}

/**
 * A `role="img"` whose label sums the 90 days up (a screen reader hears one
 * sentence, not 90 cells); each cell's title gives its date, state and uptime
 * to a pointer. The component's page has the same days as a table.
 * `dayLabels` must be HTML-safe already (see escapedDayLabels).
 */
export function barHtml(bar: BarInput, t: Dictionary, f: Formatters, dayLabels: readonly string[]): string {
  const counts = new Map<DayState, number>();
  const tails = new Map<string, string>();
  let cells = '';
  for (let i = 0; i < bar.days.length; i++) {
    const state = bar.states[i]!;
    const uptime = bar.uptime[i] ?? null;
    counts.set(state, (counts.get(state) ?? 0) + 1);
    // Cells repeat a few (state, uptime) pairs, most of all a perfect day: escape each pair's text once.
    const pair = state === 'operational' && uptime === 1 ? 'perfect' : `${state} ${uptime}`;
    let tail = tails.get(pair);
    if (tail === undefined) tails.set(pair, (tail = `${escape(`${state === 'operational' ? '' : `${t.day[state]}, `}${f.uptime(uptime)}`)}"></i>`));
    cells += `<i class=${CELL_CLASS[state]} title="${dayLabels[i]}: ${tail}`;
  }
  const listed = [...counts].filter(([state]) => state !== 'operational').map(([state, n]) => t.bar.count(n, t.day[state]));
  const label = t.bar.summary(f.uptime(bar.total), listed.join('; '));
  return `<div class="bar" role="img" aria-label="${escape(label)}">${cells}</div>`;
}

/** Formatters whose uptime() remembers what it wrote: 18,000 cells share a handful of values (mostly 100%). */
export function memoizedUptime(f: Formatters): Formatters {
  const seen = new Map<number | null, string>();
  return {
    ...f,
    uptime: (ratio) => {
      let text = seen.get(ratio);
      if (text === undefined) seen.set(ratio, (text = f.uptime(ratio)));
      return text;
    },
  };
}

/** One short label per day, escaped once for every bar of the page. */
export function escapedDayLabels(days: readonly string[], f: Formatters): string[] {
  return days.map((day) => escape(f.day(day)));
}

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
