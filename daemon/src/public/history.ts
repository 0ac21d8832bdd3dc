import { escapeHtml } from '@sla/shared/text/html.ts';
import type { Dictionary } from '@sla/shared/status/i18n/index.ts';
import type { PublicReadModel } from './read-model.ts';
import { loadIncidents, type IncidentRow } from './incidents.ts';
import { loadMaintenance, maintenanceJudge, phaseOf, type MaintenanceRow } from './maintenance.ts';

// What the feeds publish (issue #5): incidents and maintenance windows, most
// recently changed first, as plain text pieces the Atom, RSS and iCalendar
// writers turn into their formats, in the status page's own words
// (shared/src/status/i18n) for the language asked for.

const FEED_LIMIT = 50;

export interface HistoryItem {
  /** A stable URL: the item's page on the status site, the same in every language. */
  id: string;
  /** The page in the feed's language (issue #19: the English feed links to English pages). */
  link: string;
  title: string;
  /** One line of plain text: the latest state, for a reader's list. */
  summary: string;
  /** HTML, every operator-written text escaped. */
  html: string;
  published: Date;
  updated: Date;
}

/** `query` is the feed's language parameter (`?lang=en`, or empty for the default), kept on every link. */
export async function historyItems(d: PublicReadModel, origin: string, words: Dictionary, query = ''): Promise<HistoryItem[]> {
  const [incidents, windows] = await Promise.all([
    loadIncidents(d.db, (q) => q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(FEED_LIMIT)),
    loadMaintenance(d.db, (q) => q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(FEED_LIMIT)),
  ]);
  const now = d.now();
  const judge = maintenanceJudge(d);
  const items = [...incidents.map((i) => incidentItem(i, origin, words, query)), ...windows.map((w) => maintenanceItem(w, origin, now, judge, words, query))];
  return items.sort((a, b) => b.updated.getTime() - a.updated.getTime()).slice(0, FEED_LIMIT);
}

function incidentItem(i: IncidentRow, origin: string, words: Dictionary, query: string): HistoryItem {
  const affected = i.components.map((c) => c.name).join(', ');
  const updates = i.updates
    .map((u) => `<p><small>${utc(u.created_at)}</small><br><strong>${words.incidentStatus[u.status]}</strong> - ${escapeHtml(u.body)}</p>`)
    .join('');
  const latest = i.updates[0]; // newest first
  return {
    id: `${origin}/incidents/${i.id}`,
    link: `${origin}/incidents/${i.id}${query}`,
    title: `${i.title} (${words.incidentStatus[i.status]})`,
    summary: latest ? `${words.incidentStatus[latest.status]} - ${firstLine(latest.body)}` : words.incidentStatus[i.status],
    html: `${updates}${affected ? `<p>${words.maintenance.affected}: ${escapeHtml(affected)}</p>` : ''}`,
    published: i.created_at,
    updated: i.updated_at,
  };
}

function maintenanceItem(w: MaintenanceRow, origin: string, now: number, judge: ReturnType<typeof maintenanceJudge>, words: Dictionary, query: string): HistoryItem {
  const phase = words.maintenancePhase[phaseOf(w, now)];
  const verdict = judge(w);
  const notices = w.notices.map((n) => `${utc(n.sent_at)} (${words.noticeChannel[n.channel]})`).join('; ');
  const when = `${words.maintenanceKind[w.kind]}: ${utc(w.starts_at)} – ${utc(w.ends_at)}`;
  const lines = [
    `<p><strong>${phase}</strong> - ${when}</p>`,
    w.description ? `<p>${escapeHtml(w.description)}</p>` : '',
    w.components.length > 0 ? `<p>${words.maintenance.affected}: ${escapeHtml(w.components.map((c) => c.name).join(', '))}</p>` : '',
    notices ? `<p>${words.maintenance.notices}: ${notices}</p>` : `<p>${words.maintenance.noNotice}</p>`,
    // A withdrawn window excludes nothing and counts nothing: no rule it could have broken (issue #19).
    verdict.valid || w.cancelled_at !== null ? '' : `<p>${escapeHtml(words.maintenance.invalid(verdict.violations.map((v) => words.violation[v]).join(', ')))}</p>`,
  ];
  return {
    id: `${origin}/maintenance#maintenance-${w.id}`,
    link: `${origin}/maintenance${query}#maintenance-${w.id}`,
    title: `${words.nav.maintenance}: ${w.title} (${phase})`,
    summary: `${phase} - ${when}`,
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

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function utc(t: Date): string {
  return `${t.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export { escapeHtml };
