import type { ComponentStatus } from '@sla/shared';
import { makeBadge } from 'badge-maker';

// Shields-style flat SVG badges (/badge/:component/*.svg), text included so a
// badge reads without colour: the label, the value, and a <title>.

const STATUS_TEXT: Record<ComponentStatus, { text: string; color: string }> = {
  operational: { text: 'operational', color: '#1a7f37' },
  degraded_performance: { text: 'degraded', color: '#9a6700' },
  partial_outage: { text: 'partial outage', color: '#bc4c00' },
  major_outage: { text: 'major outage', color: '#cf222e' },
  under_maintenance: { text: 'maintenance', color: '#0969da' },
};

export function statusBadge(name: string, status: ComponentStatus): string {
  const { text, color } = STATUS_TEXT[status];
  return badge(name, text, color);
}

/** Uptime rounded down to two decimals (never 100 % when there was downtime); grey "no data" when nothing was observed. */
export function uptimeBadge(label: string, ratio: number | null): string {
  if (ratio === null) return badge(label, 'no data', '#6e7781');
  const percent = Math.floor(ratio * 10_000) / 100;
  const color = percent >= 99.9 ? '#1a7f37' : percent >= 99 ? '#4d7c0f' : percent >= 95 ? '#9a6700' : '#cf222e';
  return badge(label, `${percent.toFixed(2)}%`, color);
}

// Issue #12: badge-maker (shields.io's renderer) measures the text in Verdana
// 11 px, where 6.8 px a character made narrow names wide and wide ones spill.
// It escapes label and value itself; the badge carries nothing but them.
function badge(label: string, value: string, color: string): string {
  return makeBadge({ label, message: value, color, style: 'flat' });
}
