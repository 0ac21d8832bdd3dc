import type { CreditAs } from '@sla/shared';
import type { EntryState, LedgerSource } from './ledger.table.ts';

/** A line's key (source, ref, occurrence) and its exact figures. */
export interface Figures {
  source: LedgerSource;
  ref: string;
  occurrence: number | null;
  creditAs: CreditAs;
  licenseSeconds: bigint;
  amountVnd: bigint;
}

/** What the engine says is owed for one line (docs/case-file.md). */
export interface OwedLine extends Figures {
  line: Record<string, unknown>;
}

/** A ledger entry as reconciliation needs it. */
export interface StandingEntry extends Figures {
  id: number;
  kind: 'credit' | 'reversal';
  state: EntryState;
  reversesId: number | null;
}

export type LedgerAction =
  /** `replacesId`: the rejection this proposal asks to reconsider, because the figure it was rejected for changed. */
  | { type: 'propose'; line: OwedLine; replacesId?: number }
  /** A proposal nobody decided on yet is replaced, not reversed. */
  | { type: 'supersede'; entryId: number }
  /** An approved or applied entry is never edited: it gets a reversing entry (docs/contract.md §4). */
  | { type: 'reverse'; entry: StandingEntry };

const keyOf = (x: { source: string; ref: string; occurrence: number | null }) => `${x.source}\u0000${x.ref}\u0000${x.occurrence ?? ''}`;
const sameFigures = (a: OwedLine, b: StandingEntry) =>
  a.licenseSeconds === b.licenseSeconds && a.amountVnd === b.amountVnd && a.creditAs === b.creditAs;
/** The figure a line is paid in (docs/contract.md §1.1, §1.2): license time or money, never both. */
const samePaidFigure = (a: OwedLine, b: StandingEntry) =>
  a.creditAs === b.creditAs && (a.creditAs === 'license' ? a.licenseSeconds === b.licenseSeconds : a.amountVnd === b.amountVnd);

/**
 * Turns a fresh statement and the ledger's entries into the actions that make
 * the ledger say what the statement says. Lines owing nothing (0 VND and 0 s)
 * are not entered: there is nothing to approve. A rejected entry stands as
 * long as the figure it is paid in does (an unrelated fact, such as the fee
 * moving a fine's license-time equivalent, does not bring it back: issue #12);
 * a new figure is a new proposal linked to the rejection it replaces.
 */
export function reconcile(owed: readonly OwedLine[], entries: readonly StandingEntry[]): LedgerAction[] {
  const reversed = new Set(entries.filter((e) => e.reversesId !== null).map((e) => e.reversesId));
  const standing = new Map<string, StandingEntry>();
  for (const e of entries)
    // A carried-forward excess is money already decided at a renewal, not an engine line.
    if (e.kind === 'credit' && e.source !== 'carried_forward' && e.state !== 'superseded' && !reversed.has(e.id)) {
      const key = keyOf(e);
      const previous = standing.get(key);
      if (previous === undefined || e.id > previous.id) standing.set(key, e);
    }

  const actions: LedgerAction[] = [];
  const owedKeys = new Set<string>();
  for (const line of owed) {
    if (line.licenseSeconds === 0n && line.amountVnd === 0n) continue;
    const key = keyOf(line);
    owedKeys.add(key);
    const current = standing.get(key);
    if (current !== undefined && sameFigures(line, current)) continue;
    if (current?.state === 'rejected') {
      if (!samePaidFigure(line, current)) actions.push({ type: 'propose', line, replacesId: current.id });
      continue;
    }
    if (current !== undefined) actions.push(retire(current));
    actions.push({ type: 'propose', line });
  }
  for (const [key, entry] of standing) if (!owedKeys.has(key) && entry.state !== 'rejected') actions.push(retire(entry));
  return actions;
}

function retire(entry: StandingEntry): LedgerAction {
  if (entry.state === 'proposed') return { type: 'supersede', entryId: entry.id };
  return { type: 'reverse', entry };
}
