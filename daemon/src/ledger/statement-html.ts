import { formatVnd } from '@sla/shared';
import type { StatementDictionary } from '@sla/shared/status/i18n/statement.ts';
import { escapeHtml as h } from '@sla/shared/text/html.ts';
import { durationText } from '@sla/shared/time/duration-parts.ts';
import type { DocumentLine, PaidFigures, StatementDocument } from './statement-document.ts';

// The statement document as a page for the screen and, through Chromium, the
// PDF an accountant files (issue #16): vendor, number, dates and references on
// top; each ledger line with its state; totals with their basis.

const pad = (n: number) => String(n).padStart(2, '0');

/** Words and figures of one document in one language, on the contract's clock. */
function writer(t: StatementDictionary, timeZone: string) {
  const local = (at: Date | number) => Temporal.Instant.fromEpochMilliseconds(typeof at === 'number' ? at : at.getTime()).toZonedDateTimeISO(timeZone);
  const date = (at: Date | number) => {
    const z = local(at);
    return `${pad(z.day)}/${pad(z.month)}/${z.year}`;
  };
  const instant = (at: Date | number) => t.instant(date(at), `${pad(local(at).hour)}:${pad(local(at).minute)}`);
  const time = (seconds: bigint) => durationText(seconds, t.time, t.zeroTime);
  return { date, instant, time, vnd: formatVnd };
}
type Writer = ReturnType<typeof writer>;

export function statementHtml(doc: StatementDocument, t: StatementDictionary): string {
  const w = writer(t, doc.contract.timeZone);
  const c = doc.contract;
  const vendor = doc.vendor
    ? `<strong>${h(doc.vendor.name)}</strong><br>${h(t.address)}: ${h(doc.vendor.address)}<br>${h(t.taxCode)}: ${h(doc.vendor.taxCode)}`
    : `<em class="missing">${h(t.vendorMissing)}</em>`;
  const period = doc.period ? `${w.instant(doc.period.from)} – ${w.instant(doc.period.to)}` : t.allTime;
  const renewals = doc.renewals.map((r) => t.renewal(r.id, w.date(r.periodStart), w.date(r.periodEnd)));
  if (c.renewalAt) renewals.push(t.nextRenewal(w.date(c.renewalAt)));
  return `<!doctype html>
<html lang="${t.htmlLang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${h(t.title)} ${h(doc.number)}</title>
<style>body{font:13px/1.4 system-ui,"DejaVu Sans",sans-serif;margin:2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top}td.n,th.n{text-align:right;white-space:nowrap}tr.rejected td{color:#666}.equiv{color:#666}.missing{color:#a00}dl{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem}dt{font-weight:bold}dd{margin:0}@media print{body{margin:0}}</style>
</head><body>
<header><p>${h(t.issuer)}: ${vendor}</p>
<h1>${h(t.title)}</h1>
<dl>
<dt>${h(t.number)}</dt><dd>${h(doc.number)}</dd>
<dt>${h(t.issuedOn)}</dt><dd>${h(w.date(doc.issuedAt))}</dd>
<dt>${h(t.customer)}</dt><dd>${h(c.customer)}</dd>
<dt>${h(t.contract)}</dt><dd>${h(c.id)}</dd>
<dt>${h(t.period)}</dt><dd>${h(period)} (${h(t.timeZone)} ${h(c.timeZone)})</dd>
<dt>${h(t.annualFee)}</dt><dd>${h(w.vnd(c.annualFeeVnd))}</dd>
<dt>${h(t.paidAs)}</dt><dd>${h(t.creditAs[c.creditAs])}</dd>
<dt>${h(t.renewals)}</dt><dd>${h(renewals.length ? renewals.join('; ') : t.noRenewal)}</dd>
</dl>
<p>${h(t.policy(doc.policyVersion))}</p></header>
${linesTable(doc, t, w)}
${ticketsTable(doc, t, w)}
<h2>${h(t.maintenance.title)}</h2><ul>${doc.maintenance.map((m) => `<li>${h(m.ref)}: ${h(m.valid ? t.maintenance.valid : `${t.maintenance.invalid} (${m.violations.join(', ')})`)}${declaredNotices(m.declaredNotices, t, w)}</li>`).join('') || `<li>${h(t.maintenance.none)}</li>`}</ul>
</body></html>
`;
}

function linesTable(doc: StatementDocument, t: StatementDictionary, w: Writer): string {
  const rows = doc.lines.map((l) => {
    const struck = (text: string) => (l.entry?.state === 'rejected' ? `<del>${text}</del>` : text);
    // The figure a line is not paid in is its equivalent, in brackets; a dash where it has none (a breach's license time).
    const figure = (paid: boolean, value: bigint, text: string) => struck(paid ? h(text) : value === 0n ? '—' : `<span class="equiv">(${h(text)})</span>`);
    return `<tr${l.entry?.state === 'rejected' ? ' class="rejected"' : ''}><td>${struck(h(describe(l, t, w)))}</td><td>${h(stateOf(l, t, w))}</td><td class="n">${figure(l.creditAs === 'license', l.licenseSeconds, w.time(l.licenseSeconds))}</td><td class="n">${figure(l.creditAs === 'renewal', l.amountVnd, w.vnd(l.amountVnd))}</td></tr>`;
  });
  const total = (label: string, f: PaidFigures) => `<tr><th>${h(label)}</th><th></th><th class="n">${h(w.time(f.licenseSeconds))}</th><th class="n">${h(w.vnd(f.amountVnd))}</th></tr>`;
  const { approved, applied, proposed, rejected } = doc.totals;
  return `<table><thead><tr><th>${h(t.columns.line)}</th><th>${h(t.columns.state)}</th><th class="n">${h(t.columns.license)}</th><th class="n">${h(t.columns.amount)}</th></tr></thead><tbody>
${rows.join('\n') || `<tr><td colspan="4">${h(t.none)}</td></tr>`}
</tbody><tfoot>
${total(t.totals.approved, approved)}
${total(t.totals.applied, applied)}
${total(t.totals.proposed, proposed)}
<tr><td colspan="4">${h(t.totals.rejected(rejected))}. ${h(t.equivalent)}</td></tr>
</tfoot></table>`;
}

/** What a line is, from the engine's current line where there is one, else from the entry's own record. */
function describe(l: DocumentLine, t: StatementDictionary, w: Writer): string {
  const e = l.entry;
  if (e?.kind === 'reversal') return t.line.reversal(e.reversesId ?? 0);
  if (e?.source === 'carried_forward') return t.line.carried(Number(e.line.renewalId ?? 0));
  const line = l.engine;
  const ref = e?.ref ?? line?.ref ?? '';
  const recorded = (e?.line ?? {}) as Record<string, string | number>;
  const title = l.title ? ` — “${l.title}”` : '';
  if (line?.source === 'outage') {
    const excluded = line.excluded.map((x) => `${x.ref} ${w.time(BigInt(x.seconds))}, ${t.line.exclusion[x.reason]}`).join('; ');
    const recordedBy = line.recordedBy === undefined ? '' : t.line.recordedBy(line.recordedBy);
    return `${t.line.outage(ref, w.instant(line.span.start * 1000), w.instant(line.span.end * 1000))}${recordedBy}: ${t.line.outageFigures(w.time(BigInt(line.creditableSeconds)), line.blocks)}${excluded ? `; ${t.line.excluded(excluded)}` : ''}`;
  }
  if ((line ?? e)?.source === 'repeat_bug') return `${t.line.repeatBug(ref, Number(e?.occurrence ?? (line as { occurrence: number }).occurrence))}${title}`;
  if (line?.source === 'breach') return t.line.breach(ref, w.vnd(line.valueVnd), w.vnd(line.refundVnd), line.usedDays, line.termDays);
  if (e?.source === 'breach') return t.line.breach(ref, w.vnd(BigInt(recorded.valueVnd ?? 0)), w.vnd(BigInt(recorded.refundVnd ?? 0)), Number(recorded.usedDays), Number(recorded.termDays));
  return `${ref}${title}`;
}

/** The entry's path through the ledger: proposed, then decided, then applied, each with who and when. */
function stateOf(l: DocumentLine, t: StatementDictionary, w: Writer): string {
  const e = l.entry;
  if (e === undefined) return l.licenseSeconds === 0n && l.amountVnd === 0n ? t.state.nothingOwed : t.state.unrecorded;
  const steps = [t.state.proposed(e.createdBy, w.instant(e.createdAt))];
  if (e.decidedBy && e.decidedAt) steps.push((e.state === 'rejected' ? t.state.rejected : t.state.approved)(e.decidedBy, w.instant(e.decidedAt)));
  if (e.state === 'applied' && e.appliedBy && e.appliedAt) steps.push(t.state.applied(e.appliedBy, w.instant(e.appliedAt), e.renewalId ?? 0));
  if (e.decisionReason && e.state === 'rejected') steps.push(t.state.reason(e.decisionReason));
  return steps.join('; ');
}

function ticketsTable(doc: StatementDocument, t: StatementDictionary, w: Writer): string {
  const report = doc.tickets;
  if (report === undefined) return '';
  const tt = t.tickets;
  const rows = report.counts.map((c) => `<tr><td>${h(tt.class[c.class])}</td><td>${h(tt.deadline[c.deadline])}</td><td class="n">${c.met}</td><td class="n">${c.breached}</td><td class="n">${c.pending}</td></tr>`);
  return `<h2>${h(tt.title(w.instant(report.asOf * 1000)))}</h2>
<table><thead><tr><th>${h(tt.columns.class)}</th><th>${h(tt.columns.deadline)}</th><th class="n">${h(tt.columns.met)}</th><th class="n">${h(tt.columns.breached)}</th><th class="n">${h(tt.columns.pending)}</th></tr></thead><tbody>
${rows.join('\n') || `<tr><td colspan="5">${h(tt.none)}</td></tr>`}
</tbody></table>`;
}

/** Issue #15: the notices an operator declared, with no delivery record behind them, are named as such. */
function declaredNotices(at: readonly number[], t: StatementDictionary, w: Writer): string {
  return at.length === 0 ? '' : `; ${h(t.maintenance.declared(at.map((s) => w.instant(s * 1000)).join(', ')))}`;
}
