import { renewalJson } from './renewal-json.ts';
import { ticketReportJson } from './ticket-json.ts';
import type { ContractStatement, CreditLine, Statement, WindowVerdict } from './statement.ts';

/**
 * docs/case-file.md "Output (--json)": exactly the documented shape, keys in the
 * documented order, money as strings of digits, 2-space indent and a final
 * newline as in the worked scenarios. `licenseSeconds` is a JSON number: past
 * 2^53 it may be inexact; the exact figure is the money string.
 */
export function statementToJson(statement: Statement): string {
  return [...statementJsonChunks(statement)].join('');
}

/**
 * The same text in pieces, one per contract, for statements too large for one
 * string (a year of 4,000 contracts passes V8's ~512 MB string limit): the
 * pieces joined are byte-identical to JSON.stringify(document, null, 2) + "\n".
 */
export function* statementJsonChunks(statement: Statement): Generator<string> {
  const head = `{\n  "policyVersion": ${JSON.stringify(statement.policyVersion)},\n  "contracts": [`;
  if (statement.contracts.length === 0) {
    yield `${head}]\n}\n`;
    return;
  }
  yield head;
  for (const [i, contract] of statement.contracts.entries()) {
    const json = JSON.stringify(contractJson(contract), null, 2).replaceAll('\n', '\n    ');
    yield `${i === 0 ? '' : ','}\n    ${json}`;
  }
  yield '\n  ]\n}\n';
}

/** One contract's part of the document (the operators' API holds it to its published schema, issue #19). */
export function contractJson(contract: ContractStatement) {
  return {
    id: contract.id,
    creditAs: contract.creditAs,
    credits: contract.credits.map(lineJson),
    maintenance: contract.maintenance.map(verdictJson),
    ...(contract.tickets === undefined ? {} : { tickets: ticketReportJson(contract.tickets) }),
    ...(contract.renewals === undefined ? {} : { renewals: contract.renewals.map(renewalJson) }),
    totals: { licenseSeconds: Number(contract.totals.licenseSeconds), amountVnd: contract.totals.amountVnd.toString() },
  };
}

/** One credit line as docs/case-file.md writes it (also what the ledger stores per entry). */
export function lineJson(line: CreditLine) {
  if (line.source === 'outage') {
    return {
      source: line.source,
      ref: line.ref,
      // docs/contract.md §1.5: where the figure came from, only for an outage an operator recorded.
      ...(line.recordedBy === undefined ? {} : { recordedBy: line.recordedBy }),
      outageSeconds: line.outageSeconds,
      creditableSeconds: line.creditableSeconds,
      excluded: line.excluded.map((e) => ({ reason: e.reason, ref: e.ref, seconds: e.seconds })),
      blocks: line.blocks,
      licenseSeconds: Number(line.licenseSeconds),
      amountVnd: line.amountVnd.toString(),
    };
  }
  if (line.source === 'breach') {
    return {
      source: line.source,
      ref: line.ref,
      termsEnded: line.termsEnded,
      usedDays: line.usedDays,
      termDays: line.termDays,
      valueVnd: line.valueVnd.toString(),
      refundVnd: line.refundVnd.toString(),
      licenseSeconds: 0 as const,
      amountVnd: line.amountVnd.toString(),
    };
  }
  return {
    source: line.source,
    ref: line.ref,
    occurrence: line.occurrence,
    licenseSeconds: Number(line.licenseSeconds),
    amountVnd: line.amountVnd.toString(),
  };
}

/** Issue #15: `declaredNotices` only when some notice is an operator's word, so a statement without any keeps its bytes. */
function verdictJson(verdict: WindowVerdict) {
  const declared = verdict.declaredNotices.map(isoSeconds);
  return { ref: verdict.ref, valid: verdict.valid, violations: [...verdict.violations], ...(declared.length === 0 ? {} : { declaredNotices: declared }) };
}

/** `2025-03-08T03:00:00Z`: epoch seconds as a UTC instant, to the second. */
const isoSeconds = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
