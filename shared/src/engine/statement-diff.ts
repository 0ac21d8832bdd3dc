import { formatVnd } from '../money/vnd.ts';
import type { CreditLine, Statement } from './statement.ts';
import { durationWords } from './words.ts';

/** What one line is worth. */
export interface Worth {
  licenseSeconds: bigint;
  amountVnd: bigint;
}

/** A line the added fact changed: new, gone, or worth something else. Lines it leaves alone are not listed. */
export interface LineDifference {
  source: CreditLine['source'];
  ref: string;
  occurrence?: number;
  before: Worth | undefined;
  after: Worth | undefined;
  difference: Worth;
}

export interface ContractDifference {
  id: string;
  lines: LineDifference[];
  totals: { before: Worth; after: Worth; difference: Worth };
}

const NOTHING: Worth = { licenseSeconds: 0n, amountVnd: 0n };
const minus = (a: Worth, b: Worth): Worth => ({ licenseSeconds: a.licenseSeconds - b.licenseSeconds, amountVnd: a.amountVnd - b.amountVnd });
const worth = (l: CreditLine | { licenseSeconds: bigint; amountVnd: bigint }): Worth => ({ licenseSeconds: l.licenseSeconds, amountVnd: l.amountVnd });
const keyOf = (l: CreditLine) => `${l.source}\u0000${l.ref}\u0000${l.source === 'repeat_bug' ? l.occurrence : ''}`;

/**
 * `sla credits --what-if` (docs/contract.md §1.5): per contract, the lines
 * that differ between the statement of the stored facts and the one with a
 * fact added, in the second statement's order (then the lines it lost), and
 * the totals before, after and their difference — all exact bigint.
 */
export function statementDifference(before: Statement, after: Statement): ContractDifference[] {
  const earlier = new Map(before.contracts.map((c) => [c.id, c]));
  return after.contracts.map((contract) => {
    const was = earlier.get(contract.id);
    const old = new Map((was?.credits ?? []).map((l) => [keyOf(l), l]));
    const lines: LineDifference[] = [];
    const seen = new Set<string>();
    const push = (line: CreditLine, b: Worth | undefined, a: Worth | undefined) => {
      const difference = minus(a ?? NOTHING, b ?? NOTHING);
      if (b !== undefined && a !== undefined && difference.licenseSeconds === 0n && difference.amountVnd === 0n) return;
      lines.push({ source: line.source, ref: line.ref, ...(line.source === 'repeat_bug' ? { occurrence: line.occurrence } : {}), before: b, after: a, difference });
    };
    for (const line of contract.credits) {
      const key = keyOf(line);
      seen.add(key);
      const prior = old.get(key);
      push(line, prior && worth(prior), worth(line));
    }
    for (const [key, line] of old) if (!seen.has(key)) push(line, worth(line), undefined);
    const totalsBefore = was ? worth(was.totals) : NOTHING;
    const totalsAfter = worth(contract.totals);
    return { id: contract.id, lines, totals: { before: totalsBefore, after: totalsAfter, difference: minus(totalsAfter, totalsBefore) } };
  });
}

const signed = (n: bigint, words: (n: bigint) => string) => (n < 0n ? `−${words(-n)}` : `+${words(n)}`);
const money = (w: Worth) => `${durationWords(w.licenseSeconds)} of license = ${formatVnd(w.amountVnd)}`;
const change = (d: Worth) => `${signed(d.licenseSeconds, durationWords)} of license, ${signed(d.amountVnd, formatVnd)}`;

/** The differences for a person to read, one contract after another. */
export function differenceText(contracts: readonly ContractDifference[], what: string): string {
  const out = [`What if ${what} were added to the stored facts (nothing is saved):`];
  for (const c of contracts) {
    out.push('', `Contract ${c.id}`);
    if (c.lines.length === 0) out.push('  no line changes');
    for (const l of c.lines) {
      const name = `${l.source === 'repeat_bug' ? `bug ${l.ref} occurrence ${l.occurrence}` : `${l.source} ${l.ref}`}`;
      if (l.before === undefined) out.push(`  new      ${name}: ${money(l.after!)}`);
      else if (l.after === undefined) out.push(`  gone     ${name}: was ${money(l.before)}`);
      else out.push(`  changed  ${name}: ${money(l.before)} → ${money(l.after)} (${change(l.difference)})`);
    }
    out.push(`  Total: ${money(c.totals.before)} → ${money(c.totals.after)} (${change(c.totals.difference)})`);
  }
  return `${out.join('\n')}\n`;
}

/** The differences as JSON: money as strings of digits, as docs/case-file.md writes it. */
export function differenceJson(contracts: readonly ContractDifference[]) {
  const w = (x: Worth | undefined) => (x === undefined ? null : { licenseSeconds: Number(x.licenseSeconds), amountVnd: x.amountVnd.toString() });
  return {
    contracts: contracts.map((c) => ({
      id: c.id,
      lines: c.lines.map((l) => ({ source: l.source, ref: l.ref, ...(l.occurrence === undefined ? {} : { occurrence: l.occurrence }), before: w(l.before), after: w(l.after), difference: w(l.difference) })),
      totals: { before: w(c.totals.before), after: w(c.totals.after), difference: w(c.totals.difference) },
    })),
  };
}
