import { escapeHtml } from '@sla/shared/text/html.ts';
import { formatVnd, lineJson, type ContractStatement, type Statement, type WindowVerdict } from '@sla/shared';

// The statement for the customer and the auditor, as CSV and as a printable
// page (issue #4): every line's facts, exclusions and the policy version. The
// JSON form is the engine's own (statementToJson), byte for byte.

const CSV_HEADER = ['contract', 'source', 'ref', 'occurrence', 'outage_seconds', 'creditable_seconds', 'excluded', 'blocks', 'license_seconds', 'amount_vnd', 'policy_version'];

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would run as a formula —
 * starting with = + - @, a tab or a carriage return — gets a leading
 * apostrophe (OWASP's advice against CSV injection, issue #12); numbers,
 * negative ones included, stay numbers.
 */
export const csvCell = (v: unknown) => {
  const raw = v === undefined || v === null ? '' : String(v);
  const text = /^[=+\-@\t\r]/.test(raw) && !/^-?\d+(\.\d+)?$/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function statementCsv(statement: Statement): string {
  const rows = [CSV_HEADER];
  for (const contract of statement.contracts)
    for (const line of contract.credits) {
      const j = lineJson(line) as Record<string, unknown>;
      const excluded = line.source === 'outage' ? line.excluded.map((e) => `${e.reason}:${e.ref}:${e.seconds}`).join(' ') : '';
      rows.push([contract.id, line.source, line.ref, String(j.occurrence ?? ''), String(j.outageSeconds ?? ''), String(j.creditableSeconds ?? ''), excluded, String(j.blocks ?? ''), line.licenseSeconds.toString(), line.amountVnd.toString(), statement.policyVersion]);
    }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const instant = (seconds: number, zone: string) => Temporal.Instant.fromEpochMilliseconds(seconds * 1000).toZonedDateTimeISO(zone).toPlainDateTime().toString().replace('T', ' ');

export function statementHtml(statement: Statement, customer: string, period: { from: Date; to: Date } | undefined): string {
  const sections = statement.contracts.map((c) => contractHtml(c)).join('\n');
  const span = period ? `${period.from.toISOString()} – ${period.to.toISOString()}` : 'all recorded time';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Credit statement — ${escapeHtml(customer)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem;text-align:left}td.n{text-align:right}@media print{body{margin:0}}</style>
</head><body>
<h1>Credit statement</h1>
<p>Customer: ${escapeHtml(customer)}<br>Period: ${escapeHtml(span)}<br>Policy: ${escapeHtml(statement.policyVersion)} (SLA §C.5: every 2 hours of stoppage = ½ day of subscription)</p>
${sections}
</body></html>
`;
}

function contractHtml(c: ContractStatement): string {
  const rows = c.credits
    .map((l) => {
      const what = l.source === 'outage'
        ? `Outage ${escapeHtml(l.ref)} from ${escapeHtml(instant(l.span.start, c.timeZone))} to ${escapeHtml(instant(l.span.end, c.timeZone))}: ${l.outageSeconds} s, creditable ${l.creditableSeconds} s` +
          (l.excluded.length ? `; excluded ${l.excluded.map((e) => `${escapeHtml(e.reason)} ${escapeHtml(e.ref)} ${e.seconds} s`).join(', ')}` : '') + `; ${escapeHtml(l.blocks)} blocks of 2 h`
        : l.source === 'breach'
          ? `Confidentiality breach ${escapeHtml(l.ref)}: value to date ${escapeHtml(formatVnd(l.valueVnd))} + refund of the prepaid term ${escapeHtml(formatVnd(l.refundVnd))} (${l.usedDays} of ${l.termDays} days used; terms §4), paid as money`
          : `Bug ${escapeHtml(l.ref)}, occurrence ${l.occurrence} (fine doubles from the 2nd, SLA §C.5)`;
      return `<tr><td>${what}</td><td class="n">${l.licenseSeconds}</td><td class="n">${escapeHtml(formatVnd(l.amountVnd))}</td></tr>`;
    })
    .join('\n');
  // Issue #15: notices an operator declared, with no delivery record, are marked so.
  const declared = (m: WindowVerdict) => (m.declaredNotices.length === 0 ? '' : `; declared notices (no delivery record): ${m.declaredNotices.map((t) => escapeHtml(instant(t, c.timeZone))).join(', ')}`);
  const windows = c.maintenance.map((m) => `<li>${escapeHtml(m.ref)} (${escapeHtml(m.kind)}): ${m.valid ? 'valid' : `invalid — ${m.violations.map(escapeHtml).join(', ')}`}${declared(m)}</li>`).join('\n');
  return `<h2>Contract ${escapeHtml(c.id)} — paid as ${c.creditAs === 'license' ? 'extra license time' : 'renewal deduction'} (time zone ${escapeHtml(c.timeZone)})</h2>
<table><thead><tr><th>Line</th><th>License seconds</th><th>Amount</th></tr></thead><tbody>
${rows || '<tr><td colspan="3">Nothing owed.</td></tr>'}
</tbody><tfoot><tr><th>Total</th><th class="n">${c.totals.licenseSeconds}</th><th class="n">${escapeHtml(formatVnd(c.totals.amountVnd))}</th></tr></tfoot></table>
<h3>Maintenance windows</h3><ul>${windows || '<li>None.</li>'}</ul>`;
}
