import type { ContractStatement, CreditAs, CreditLine, TicketReport, WindowVerdict } from '@sla/shared';
import type { VendorIdentity } from '@sla/shared/config/vendor.ts';
import type { EntryState } from './ledger.table.ts';
import type { Figures } from './reconcile.ts';

// The statement as a document an accountant files (issue #16): the ledger's
// lines, not the engine's — each with its state and who moved it there — and
// totals that follow the ledger as renewals.ts settles it (docs/contract.md §4):
// approved entries are owed at the next renewal, applied ones were settled by
// one, proposals are not owed yet, rejected ones are shown and not counted. The
// engine's statement for the period says which lines are its own.

/** A ledger entry as the document shows it: its figures (reconcile.ts), its state and who moved it there. */
export interface DocumentEntry extends Figures {
  id: number;
  kind: 'credit' | 'reversal';
  state: Exclude<EntryState, 'superseded'>;
  line: Record<string, unknown>;
  reversesId: number | null;
  createdBy: string;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  renewalId: number | null;
  appliedBy: string | null;
  appliedAt: Date | null;
}

/**
 * Which total a line adds to: its state's (approved, applied, proposed), or
 * none (rejected; an engine line the ledger holds no entry for). Approved and
 * applied are apart: a renewal deducts applied lines up to its fee and enters
 * the rest as an approved carried-forward line (renewals.ts), so one grand
 * total of both would count that rest twice.
 */
export type Counted = 'approved' | 'applied' | 'proposed' | 'none';

export interface DocumentLine {
  /** The ledger's entry; absent for an engine line the ledger holds no entry for (one owing nothing is never entered). */
  entry?: DocumentEntry;
  /** The engine's current line of the same key, for its times and exclusions. */
  engine?: CreditLine;
  /** What an operator wrote about the fact: a bug's title. */
  title?: string;
  counted: Counted;
  creditAs: CreditAs;
  licenseSeconds: bigint;
  amountVnd: bigint;
}

/** A total in the figure each line is paid in: license time of lines paid so, money of lines paid so (renewals.ts). */
export interface PaidFigures {
  licenseSeconds: bigint;
  amountVnd: bigint;
}

export interface RenewalRef {
  id: number;
  periodStart: Date;
  periodEnd: Date;
}

export interface StatementDocument {
  number: string;
  issuedAt: Date;
  period: { from: Date; to: Date } | undefined;
  vendor: VendorIdentity | undefined;
  policyVersion: string;
  contract: { id: string; customer: string; timeZone: string; creditAs: CreditAs; annualFeeVnd: bigint; renewalAt: Date | null; licenseExpiresAt: Date | null };
  renewals: RenewalRef[];
  lines: DocumentLine[];
  totals: Record<Exclude<Counted, 'none'>, PaidFigures> & { rejected: number };
  maintenance: readonly WindowVerdict[];
  tickets?: TicketReport;
}

const keyOf = (x: { source: string; ref: string; occurrence?: number | null }) => `${x.source}\u0000${x.ref}\u0000${x.occurrence ?? ''}`;
const COUNTED: Record<DocumentEntry['state'], Counted> = { approved: 'approved', applied: 'applied', proposed: 'proposed', rejected: 'none' };

/**
 * Statement number: `<contract>-<YYYYMM>` of the period's last instant on the
 * contract's clock (`<contract>-<YYYYMMDD>` of the issue day for a statement of
 * all recorded time). Deterministic rather than a stored sequence: issuing the
 * same period again is the same document under the same number, a GET writes
 * nothing, and every replica of the daemon gives the same answer.
 */
export function statementNumber(contractId: string, timeZone: string, period: { to: Date } | undefined, issuedAt: Date): string {
  const at = Temporal.Instant.fromEpochMilliseconds(period ? period.to.getTime() - 1 : issuedAt.getTime()).toZonedDateTimeISO(timeZone);
  const month = `${at.year}${String(at.month).padStart(2, '0')}`;
  return `${contractId}-${period ? month : `${month}${String(at.day).padStart(2, '0')}`}`;
}

export interface DocumentInput {
  engine: ContractStatement;
  entries: readonly DocumentEntry[];
  titles: ReadonlyMap<string, string>;
  head: Omit<StatementDocument, 'number' | 'lines' | 'totals' | 'maintenance' | 'tickets' | 'contract'> & { contract: Omit<StatementDocument['contract'], 'timeZone' | 'creditAs'> };
}

/** The document: the engine's lines in its order, each followed by the ledger's entries of its key; then entries of no current line (reversals of a line that went away, carried-forward excess). */
export function statementDocument({ engine, entries, titles, head }: DocumentInput): StatementDocument {
  const byKey = Map.groupBy([...entries].sort((a, b) => a.id - b.id), keyOf);
  const lines: DocumentLine[] = [];
  const placed = new Set<number>();
  const fromEntry = (entry: DocumentEntry, line?: CreditLine): DocumentLine => {
    placed.add(entry.id);
    const title = titles.get(entry.ref);
    return { entry, ...(line ? { engine: line } : {}), ...(title ? { title } : {}), counted: COUNTED[entry.state], creditAs: entry.creditAs, licenseSeconds: entry.licenseSeconds, amountVnd: entry.amountVnd };
  };
  for (const line of engine.credits) {
    const own = byKey.get(keyOf(line)) ?? [];
    const title = titles.get(line.ref);
    if (own.length === 0) lines.push({ engine: line, ...(title ? { title } : {}), counted: 'none', creditAs: line.source === 'breach' ? 'renewal' : engine.creditAs, licenseSeconds: line.licenseSeconds, amountVnd: line.amountVnd });
    for (const entry of own) lines.push(fromEntry(entry, line));
  }
  for (const entry of entries) if (!placed.has(entry.id)) lines.push(fromEntry(entry));

  const zero = (): PaidFigures => ({ licenseSeconds: 0n, amountVnd: 0n });
  const totals = { approved: zero(), applied: zero(), proposed: zero(), rejected: 0 };
  for (const l of lines) {
    if (l.entry?.state === 'rejected') totals.rejected += 1;
    if (l.counted === 'none') continue;
    if (l.creditAs === 'license') totals[l.counted].licenseSeconds += l.licenseSeconds;
    else totals[l.counted].amountVnd += l.amountVnd;
  }
  const contract = { ...head.contract, timeZone: engine.timeZone, creditAs: engine.creditAs };
  return {
    ...head,
    contract,
    number: statementNumber(contract.id, contract.timeZone, head.period, head.issuedAt),
    lines,
    totals,
    maintenance: engine.maintenance,
    ...(engine.tickets ? { tickets: engine.tickets } : {}),
  };
}
