import { formatVnd } from '../money/vnd.ts';
import type { ContractStatement, CreditLine, Statement, WindowVerdict } from './statement.ts';
import { renewalText } from './renewal-text.ts';
import { ticketText } from './ticket-text.ts';
import { durationWords, exclusionWords, SECTIONS, violationWords } from './words.ts';

// The statement for a person (docs/case-file.md: `pnpm sla credits CASE`): each
// line with its reason in words and the clause behind it, exclusions, each
// window's verdict with the rule it broke, and totals in days, hours and VND.

const INDENT = '      ';

export function statementToText(statement: Statement): string {
  return [...statementTextChunks(statement)].join('');
}

/** The same text in pieces, one per contract, for statements too large for one string. */
export function* statementTextChunks(statement: Statement): Generator<string> {
  const head = [`Credit statement, policy ${statement.policyVersion}`];
  if (statement.period !== undefined)
    head.push(`Period: ${instantText(statement.period.start, 'UTC')} to ${instantText(statement.period.end, 'UTC')} (UTC)`);
  if (statement.contracts.length === 0) head.push('', 'No contracts.');
  yield `${head.join('\n')}\n`;
  for (const contract of statement.contracts) yield `\n${contractText(contract, statement.latestEnd).join('\n')}\n`;
}

function contractText(contract: ContractStatement, latestEnd: string): string[] {
  const paidAs = contract.creditAs === 'license' ? 'extra license time' : 'a deduction from the renewal';
  const out = [`Contract ${contract.id}: paid as ${paidAs}; times in ${contract.timeZone}`];
  out.push('  Credits');
  if (contract.credits.length === 0) out.push('    none');
  for (const line of contract.credits) out.push(...lineText(line, contract.timeZone));
  out.push('  Maintenance windows');
  if (contract.maintenance.length === 0) out.push('    none');
  for (const window of contract.maintenance) out.push(...windowText(window, contract.timeZone, latestEnd));
  if (contract.tickets !== undefined) out.push(...ticketText(contract.tickets, contract.timeZone, instantText));
  if (contract.renewals !== undefined) out.push(...renewalText(contract.renewals, contract.timeZone, instantText));
  const { licenseSeconds, amountVnd } = contract.totals;
  out.push(`  Total: ${durationWords(licenseSeconds)} of license = ${formatVnd(amountVnd)}`);
  const breaches = contract.credits.reduce((sum, line) => (line.source === 'breach' ? sum + line.amountVnd : sum), 0n);
  if (breaches > 0n) out.push(`    of which ${formatVnd(breaches)} for confidentiality breaches, paid as money (${SECTIONS.breach})`);
  return out;
}

function lineText(line: CreditLine, timeZone: string): string[] {
  if (line.source === 'breach') {
    return [
      `    ${instantText(line.at, timeZone)}  confidentiality breach ${line.ref}: value ${formatVnd(line.valueVnd)} + refund ${formatVnd(line.refundVnd)} = ${formatVnd(line.amountVnd)}, paid as money`,
      `${INDENT}${line.termsEnded} full ${line.termsEnded === 1 ? 'term' : 'terms'} and ${line.usedDays} of ${line.termDays} days of the current one used (${SECTIONS.breach})`,
    ];
  }
  const owed = `${durationWords(line.licenseSeconds)} of license = ${formatVnd(line.amountVnd)}`;
  if (line.source === 'repeat_bug') {
    return [
      `    ${instantText(line.at, timeZone)}  bug ${line.ref} back again, occurrence ${line.occurrence}: ${owed}`,
      `${INDENT}a bug back after its fix is fined, the fine doubling each time (${SECTIONS.repeat_bug})`,
    ];
  }
  const blocks = `${line.blocks} ${line.blocks === '1' ? 'block' : 'blocks'} of 2 h`;
  return [
    `    ${instantText(line.span.start, timeZone)}  outage ${line.ref}${recordedWords(line.recordedBy)}: ${durationWords(line.outageSeconds)} down, ` +
      `${durationWords(line.creditableSeconds)} creditable, ${blocks}: ${owed}`,
    `${INDENT}every 2 h of very critical stoppage earns ½ day of subscription (${SECTIONS.outage})`,
    ...line.excluded.map((e) => `${INDENT}excluded ${durationWords(e.seconds)}: ${exclusionWords(e.reason, e.ref)}`),
  ];
}

function windowText(window: WindowVerdict, timeZone: string, latestEnd: string): string[] {
  const head = `    ${window.ref}: ${window.kind.replace('_', ' ')} ${instantText(window.span.start, timeZone)} to ${instantText(window.span.end, timeZone)}`;
  // Issue #15: a notice no delivery record backs is shown for what it is.
  const declared = window.declaredNotices.map((sent) => `${INDENT}notice of ${instantText(sent, timeZone)} declared by an operator, with no delivery record`);
  if (window.valid) return [`${head}, valid: its downtime is excluded`, ...declared];
  return [
    `${head}, invalid: its downtime counts as an outage (${SECTIONS.maintenance})`,
    ...window.violations.map((v) => `${INDENT}${v}: ${violationWords(v, window.kind, latestEnd)}`),
    ...declared,
  ];
}

/** `2025-03-10 22:00` on the contract's clock. */
function instantText(seconds: number, timeZone: string): string {
  const local = Temporal.Instant.fromEpochMilliseconds(seconds * 1000).toZonedDateTimeISO(timeZone);
  return `${local.toPlainDate().toString()} ${local.toPlainTime().toString({ smallestUnit: 'minute' })}`;
}

/** docs/contract.md §1.5: a statement says where each figure came from — the prober, or the operator who recorded it. */
export const recordedWords = (recordedBy: string | undefined) => (recordedBy === undefined ? '' : ` (recorded by ${recordedBy})`);
