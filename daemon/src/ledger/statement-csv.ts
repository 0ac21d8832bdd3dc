import type { StatementDocument } from './statement-document.ts';

// The statement document as CSV (issue #16): one row per ledger line, with its
// state, who moved it there, what operators wrote about it, and whether a
// total counts it — the same rows and figures as the page, in codes a script
// reads (ISO instants, seconds, whole VND).

const CSV_HEADER = [
  'statement', 'contract', 'entry', 'kind', 'source', 'ref', 'occurrence', 'state', 'counted', 'credit_as',
  'outage_seconds', 'creditable_seconds', 'excluded', 'blocks', 'license_seconds', 'amount_vnd',
  'proposed_by', 'proposed_at', 'decided_by', 'decided_at', 'reason', 'renewal', 'applied_at', 'title', 'policy_version',
];

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One CSV cell (RFC 4180). Text a spreadsheet would run as a formula —
 * starting with = + - @, a tab or a carriage return — gets a leading
 * apostrophe (OWASP's advice against CSV injection). A cell that is wholly a
 * number is left as it is, so a negative amount (a reversal, `-500000`) is
 * read as a number: a number cannot be a formula, and every figure here is a
 * bigint's digits.
 */
export const csvCell = (v: unknown) => {
  const raw = v === undefined || v === null ? '' : String(v);
  const text = /^[=+\-@\t\r]/.test(raw) && !NUMBER.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const iso = (d: Date | null | undefined) => d?.toISOString() ?? '';

export function statementCsv(doc: StatementDocument): string {
  const rows = [CSV_HEADER];
  for (const l of doc.lines) {
    const e = l.entry;
    const outage = l.engine?.source === 'outage' ? l.engine : undefined;
    rows.push([
      doc.number, doc.contract.id, String(e?.id ?? ''), e?.kind ?? '', e?.source ?? l.engine?.source ?? '', e?.ref ?? l.engine?.ref ?? '',
      String(e?.occurrence ?? (l.engine?.source === 'repeat_bug' ? l.engine.occurrence : '')), e?.state ?? 'unrecorded', l.counted, l.creditAs,
      String(outage?.outageSeconds ?? ''), String(outage?.creditableSeconds ?? ''), outage ? outage.excluded.map((x) => `${x.reason}:${x.ref}:${x.seconds}`).join(' ') : '', outage?.blocks ?? '',
      l.licenseSeconds.toString(), l.amountVnd.toString(),
      e?.createdBy ?? '', iso(e?.createdAt), e?.decidedBy ?? '', iso(e?.decidedAt), e?.decisionReason ?? '', String(e?.renewalId ?? ''), iso(e?.appliedAt), l.title ?? '', doc.policyVersion,
    ]);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
