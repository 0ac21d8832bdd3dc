import type { PublicDeps } from './deps.ts';
import { loadIncidents, type IncidentRow } from './incidents.ts';
import { loadMaintenance, maintenanceJudge, phaseOf, type MaintenanceRow } from './maintenance.ts';

// What the feeds publish (issue #5): incidents and maintenance windows, most
// recently changed first, as plain text pieces the Atom, RSS and iCalendar
// writers turn into their formats. English only for now: the status page's
// dictionaries live in status-site/src/i18n.

const FEED_LIMIT = 50;

export interface HistoryItem {
  /** A stable URL: the item's page on the status site. */
  id: string;
  title: string;
  /** HTML, every operator-written text escaped. */
  html: string;
  published: Date;
  updated: Date;
}

export async function historyItems(d: PublicDeps, origin: string): Promise<HistoryItem[]> {
  const [incidents, windows] = await Promise.all([
    loadIncidents(d.db, (q) => q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(FEED_LIMIT)),
    loadMaintenance(d.db, (q) => q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(FEED_LIMIT)),
  ]);
  const now = d.now();
  const judge = maintenanceJudge(d);
  const items = [...incidents.map((i) => incidentItem(i, origin)), ...windows.map((w) => maintenanceItem(w, origin, now, judge))];
  return items.sort((a, b) => b.updated.getTime() - a.updated.getTime()).slice(0, FEED_LIMIT);
}

const INCIDENT_STATUS: Record<IncidentRow['status'], string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
};

function incidentItem(i: IncidentRow, origin: string): HistoryItem {
  const affected = i.components.map((c) => c.name).join(', ');
  const updates = i.updates
    .map((u) => `<p><small>${utc(u.created_at)}</small><br><strong>${INCIDENT_STATUS[u.status]}</strong> - ${escapeHtml(u.body)}</p>`)
    .join('');
  return {
    id: `${origin}/incidents/${i.id}`,
    title: `${i.title} (${INCIDENT_STATUS[i.status]})`,
    html: `${updates}${affected ? `<p>Affected: ${escapeHtml(affected)}</p>` : ''}`,
    published: i.created_at,
    updated: i.updated_at,
  };
}

const KIND: Record<MaintenanceRow['kind'], string> = {
  minor_update: 'Minor update',
  infrastructure: 'Infrastructure maintenance',
  backup: 'Backup',
  version_upgrade: 'Version upgrade',
};
const PHASE = { upcoming: 'Scheduled', active: 'In progress', completed: 'Completed', cancelled: 'Cancelled' } as const;

function maintenanceItem(w: MaintenanceRow, origin: string, now: number, judge: ReturnType<typeof maintenanceJudge>): HistoryItem {
  const phase = phaseOf(w, now);
  const verdict = judge(w);
  const notices = w.notices.map((n) => `${utc(n.sent_at)} (${n.channel.replace('_', ' ')})`).join('; ');
  const lines = [
    `<p><strong>${PHASE[phase]}</strong> - ${KIND[w.kind]}: ${utc(w.starts_at)} to ${utc(w.ends_at)}</p>`,
    w.description ? `<p>${escapeHtml(w.description)}</p>` : '',
    w.components.length > 0 ? `<p>Affected: ${escapeHtml(w.components.map((c) => c.name).join(', '))}</p>` : '',
    `<p>Notices sent: ${notices || 'none'}</p>`,
    verdict.valid ? '' : `<p>Does not meet the SLA's notice and hours rules (${verdict.violations.join(', ')}): downtime in it counts as an outage.</p>`,
  ];
  return {
    id: `${origin}/maintenance#maintenance-${w.id}`,
    title: `Maintenance: ${w.title} (${PHASE[phase]})`,
    html: lines.join(''),
    published: w.created_at,
    updated: lastChange(w, now),
  };
}

/** The latest of an edit, a cancellation, and the start and end once they have passed. */
export function lastChange(w: MaintenanceRow, now: number): Date {
  const times = [w.updated_at, w.cancelled_at, w.starts_at, w.ends_at].flatMap((t) => (t !== null && t.getTime() <= now ? [t.getTime()] : []));
  return new Date(Math.max(...times));
}

function utc(t: Date): string {
  return `${t.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
