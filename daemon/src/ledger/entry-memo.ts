import type { Impact, OutageClass } from '@sla/shared';
import type { MaintenanceKind } from '@sla/shared/domain/sets.ts';
import { recurrenceOf } from '../maintenance/maintenance.repository.ts';
import { generations } from './generations.ts';
import { ref } from './refs.ts';

/** Instants as case-builder.ts reads them: epoch milliseconds, as digits. */
export interface OutageRow {
  id: number;
  component_id: string;
  impact: Impact;
  class_override: OutageClass | null;
  recorded_by: string | null;
  start_ms: string;
  end_ms: string;
}
export interface WindowRow {
  id: number;
  kind: MaintenanceKind;
  start_ms: string;
  end_ms: string;
  /** Issue #16: a recurring window's rule (maintenance.table.ts); null for a one-off window. */
  rrule: string | null;
  time_zone: string | null;
  duration: string | null;
  exdates: string[];
}

const iso = (ms: string) => new Date(Number(ms)).toISOString();

/** An outage as a case file lists it (docs/case-file.md). */
function outageEntry(r: OutageRow) {
  return { id: ref.outage(r.id), component: r.component_id, impact: r.impact, start: iso(r.start_ms), end: iso(r.end_ms), ...(r.class_override ? { class: r.class_override } : {}), ...(r.recorded_by ? { recordedBy: r.recorded_by } : {}) };
}

/**
 * A maintenance window as a case file lists it, with the components it lists
 * and its notices: a declared one as a bare instant, a delivered one with its
 * provenance (issue #15; docs/case-file.md), case-builder.ts reading a notice
 * as its epoch milliseconds, ending in `d` when it was delivered; a recurring
 * one with its rule instead of an end (docs/case-file.md `recurrence`).
 */
function windowEntry(w: WindowRow, components: string[], noticesMs: readonly string[]) {
  const recurrence = recurrenceOf(w);
  const span = recurrence === null ? { end: iso(w.end_ms) } : {};
  return { id: ref.maintenance(w.id), kind: w.kind, components, start: iso(w.start_ms), ...span, notices: noticesMs.map(noticeEntry), ...(recurrence === null ? {} : { recurrence }) } as {
    id: string;
    kind: MaintenanceKind;
    components: string[];
    start: string;
    end?: string;
    notices: Array<string | { at: string; provenance: 'delivered' }>;
    recurrence?: NonNullable<ReturnType<typeof recurrenceOf>>;
  };
}

const noticeEntry = (ms: string): string | { at: string; provenance: 'delivered' } => (ms.endsWith('d') ? { at: iso(ms.slice(0, -1)), provenance: 'delivered' } : iso(ms));

export type OutageEntry = ReturnType<typeof outageEntry>;
export type WindowEntry = ReturnType<typeof windowEntry>;

/** How case-builder.ts turns outage and window rows into case file entries. */
export interface EntryMaker {
  outage: (r: OutageRow) => OutageEntry;
  window: (w: WindowRow, components: string[], noticesMs: readonly string[]) => WindowEntry;
}

/** New entries every time: for a case file someone reads or changes. */
export const freshEntries: EntryMaker = { outage: outageEntry, window: windowEntry };

/** Entries one generation holds, of each kind: above what a recompute of every contract reads. */
export const ENTRY_GENERATION = 16_384;

/**
 * Entries shared between recomputes (issue #13): the same row gives the same
 * entry object, deeply frozen, so factMemo (fact-memo.ts) can remember what
 * it parsed by the object itself instead of building and hashing a JSON text
 * of every outage and window, and no ISO text is made for a row it has seen.
 * The key is every column the entry is made of, joined by U+0000, which no
 * PostgreSQL text holds; the list lengths come before the lists, so one key
 * is one row. Bounded: two generations of at most `generation` entries of
 * each kind (generations.ts).
 */
export function entryMemo(generation = ENTRY_GENERATION): EntryMaker {
  const outages = generations<OutageEntry>(generation);
  const windows = generations<WindowEntry>(generation);
  return {
    outage: (r) => {
      const key = `${r.id}\u0000${r.component_id}\u0000${r.impact}\u0000${r.start_ms}\u0000${r.end_ms}\u0000${r.class_override ?? ''}\u0000${r.recorded_by ?? ''}`;
      return outages.get(key) ?? outages.remember(key, Object.freeze(outageEntry(r)));
    },
    window: (w, components, noticesMs) => {
      const recurring = w.rrule === null ? '' : `\u0000${w.rrule}\u0000${w.time_zone}\u0000${w.duration}\u0000${w.exdates.length}\u0000${w.exdates.join('\u0000')}`;
      const key = `${w.id}\u0000${w.kind}\u0000${w.start_ms}\u0000${w.end_ms}\u0000${components.length}\u0000${components.join('\u0000')}\u0000${noticesMs.length}\u0000${noticesMs.join('\u0000')}${recurring}`;
      const known = windows.get(key);
      if (known !== undefined) return known;
      const entry = windowEntry(w, components, noticesMs);
      Object.freeze(entry.components);
      Object.freeze(entry.notices);
      if (entry.recurrence !== undefined) Object.freeze(Object.freeze(entry.recurrence).exdates);
      return windows.remember(key, Object.freeze(entry));
    },
  };
}
