import type { ComponentStatus } from '@sla/shared';
import type { Dictionary } from '@sla/shared/status/i18n/index.ts';
import { uptimeFormatter } from '@sla/shared/text/percent.ts';
import { lazyModule } from '@sla/shared/modules/lazy.ts';

// Shields-style flat SVG badges (/badge/:component/*.svg), text included so a
// badge reads without colour: the label, the value, and a <title>; in the
// language asked for (issue #19).

const STATUS_COLOR: Record<ComponentStatus, string> = {
  operational: '#1a7f37',
  degraded_performance: '#9a6700',
  partial_outage: '#bc4c00',
  major_outage: '#cf222e',
  under_maintenance: '#0969da',
};

export function statusBadge(name: string, status: ComponentStatus, words: Dictionary): string {
  return badge(name, words.badge[status], STATUS_COLOR[status]);
}

/** Uptime written as the page writes it (never 100 % when there was downtime); grey "no data" when nothing was observed. */
export function uptimeBadge(label: string, ratio: number | null, words: Dictionary): string {
  const value = uptimeFormatter(words.locale, words.uptime.noData)(ratio);
  if (ratio === null) return badge(label, value, '#6e7781');
  const color = ratio >= 0.999 ? '#1a7f37' : ratio >= 0.99 ? '#4d7c0f' : ratio >= 0.95 ? '#9a6700' : '#cf222e';
  return badge(label, value, color);
}

// Issue #12: badge-maker (shields.io's renderer) measures the text in Verdana
// 11 px, where 6.8 px a character made narrow names wide and wide ones spill.
// It escapes label and value itself; the badge carries nothing but them.
// badge-maker and its font tables (~1 MB) load with the first badge asked for.
const badgeMaker = lazyModule<typeof import('badge-maker')>('badge-maker', import.meta.url);

function badge(label: string, value: string, color: string): string {
  return badgeMaker().makeBadge({ label, message: value, color, style: 'flat' });
}
