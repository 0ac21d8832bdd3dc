// The 90-day bar, written as one HTML string: it is 90 cells × every
// component on the front page (18,000 for 200 components), and building it
// here costs a fraction of rendering that many Astro elements. Everything
// interpolated is escaped.
import { escapeHtml } from '@sla/shared/text/html.ts';
import type { DayState } from '@sla/shared/uptime/index.ts';
import type { Dictionary } from '@sla/shared/status/i18n/index.ts';
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
  /** Uptime over the last NARROW_DAYS, for the summary a phone's screen reader hears (issue #19). */
  totalNarrow: number | null;
  /**
   * Where a tap on a day goes (issue #19: a day tappable without JavaScript),
   * e.g. the component page's row of that day; without it, cells are not links.
   */
  href?: (day: string) => string;
}

/** Days a bar shows on a narrow screen (site.css hides the older cells below 480 px), as Statuspage does. */
export const NARROW_DAYS = 30;

/**
 * A visually hidden summary of the days (a screen reader hears one sentence,
 * not 90 cells; on a phone, of the 30 it shows) beside the bar; each cell's title gives its date, state and uptime
 * to a pointer. The component's page has the same days as a table.
 * Consecutive days with the same state and uptime (most of all, days without
 * downtime) are one element spanning them (class nN, site.css), drawn with
 * the same gaps as single days and titled with their first and last date:
 * a quarter of the bytes for 200 components, with every day still shown.
 * `dayLabels` must be HTML-safe already (see escapedDayLabels).
 *
 * Issue #19: runs break where the last NARROW_DAYS begin, and the older cells
 * carry class x, so a phone shows 30 readable days. With `href` each cell is a
 * link out of the tab order and hidden from screen readers (the component's
 * own link is the keyboard's way there; a screen reader hears the summary):
 * a tap opens the day.
 */
export function barHtml(bar: BarInput, t: Dictionary, f: Formatters, dayLabels: readonly string[]): string {
  const counts = new Map<DayState, number>();
  const countsNarrow = new Map<DayState, number>();
  const tails = new Map<string, string>();
  const tag = bar.href === undefined ? 'i' : 'a';
  let cells = '';
  const narrowFrom = bar.days.length - NARROW_DAYS;
  for (let i = 0; i < bar.days.length; ) {
    const state = bar.states[i]!;
    const uptime = bar.uptime[i] ?? null;
    let last = i;
    while (last + 1 < bar.days.length && last + 1 !== narrowFrom && bar.states[last + 1] === state && (bar.uptime[last + 1] ?? null) === uptime) last++;
    const length = last - i + 1;
    counts.set(state, (counts.get(state) ?? 0) + length);
    // Runs break where the narrow days begin, so a run is wholly in them or not.
    if (i >= narrowFrom) countsNarrow.set(state, (countsNarrow.get(state) ?? 0) + length);
    // Runs repeat a few (state, uptime) pairs: escape each pair's text once.
    const pair = `${state} ${uptime}`;
    let tail = tails.get(pair);
    if (tail === undefined) {
      // A day without data says so once, not "No data, no data".
      const text = state === 'no_data' && uptime === null ? t.day.no_data : `${state === 'operational' ? '' : `${t.day[state]}, `}${f.uptime(uptime)}`;
      tail = `${escapeHtml(text)}"></${tag}>`;
      tails.set(pair, tail);
    }
    const when = length === 1 ? dayLabels[i] : `${dayLabels[i]} – ${dayLabels[last]}`;
    const link = bar.href === undefined ? '' : ` href="${escapeHtml(bar.href(bar.days[i]!))}" tabindex="-1" aria-hidden="true"`;
    cells += `<${tag} class="${CELL_CLASS[state]}${length === 1 ? '' : ` n${length}`}${i < narrowFrom ? ' x' : ''}"${link} title="${when}: ${tail}`;
    i = last + 1;
  }
  const listed = (of: Map<DayState, number>) => [...of].filter(([state]) => state !== 'operational').map(([state, n]) => t.bar.count(n, t.day[state])).join('; ');
  const wide = t.bar.summary(f.uptime(bar.total), listed(counts));
  const narrow = t.bar.summaryNarrow(f.uptime(bar.totalNarrow), listed(countsNarrow));
  // Issue #19: a label cannot change with the screen's width, so the summary is text, one sentence per
  // width; site.css hides the other (display: none, so a screen reader skips it too) and the cells.
  return `<p class="bar-summary"><span class="wide">${escapeHtml(wide)}</span><span class="narrow">${escapeHtml(narrow)}</span></p><div class="bar" aria-hidden="true">${cells}</div>`;
}

/** Formatters whose uptime() remembers what it wrote: 18,000 cells share a handful of values (mostly 100%). */
export function memoizedUptime(f: Formatters): Formatters {
  const seen = new Map<number | null, string>();
  return {
    ...f,
    uptime: (ratio) => {
      let text = seen.get(ratio);
      if (text === undefined) {
        text = f.uptime(ratio);
        seen.set(ratio, text);
      }
      return text;
    },
  };
}

/** One short label per day, escaped once for every bar of the page. */
export function escapedDayLabels(days: readonly string[], f: Formatters): string[] {
  return days.map((day) => escapeHtml(f.day(day)));
}

