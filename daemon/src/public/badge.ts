import type { ComponentStatus } from '@sla/shared';
import { escapeHtml } from './history.ts';

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

// Verdana 11px, as shields.io draws them: about 7 px per character.
const width = (text: string) => Math.round(text.length * 6.8) + 10;

function badge(label: string, value: string, color: string): string {
  const l = width(label);
  const v = width(value);
  const [el, ev] = [escapeHtml(label), escapeHtml(value)];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${l + v}" height="20" role="img" aria-label="${el}: ${ev}"><title>${el}: ${ev}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="${l + v}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="${l}" height="20" fill="#555"/><rect x="${l}" width="${v}" height="20" fill="${color}"/><rect width="${l + v}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11"><text x="${l / 2}" y="14">${el}</text><text x="${l + v / 2}" y="14">${ev}</text></g></svg>`;
}
