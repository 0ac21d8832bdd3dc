import { resolve } from 'node:path';
import { computeStatement, differenceJson, differenceText, parseCaseFile, statementDifference } from '@sla/shared';
import type { CliIo } from '../command.ts';
import { readCaseFile } from './case-file-reader.ts';
import { callDaemon, refusalText } from './daemon-client.ts';

/** The case file's lists a fact can join (docs/case-file.md). */
export const FACT_LISTS = ['outages', 'maintenance', 'forceMajeure', 'bugs', 'breaches'] as const;

export interface WhatIfArgs {
  /** A case file to take as the stored facts; otherwise the daemon's for `contract`. */
  caseFile?: string;
  contract?: string;
  fact: string;
  json: boolean;
}

/**
 * `sla credits --what-if FACT (--contract ID | CASE)` (docs/contract.md §1.5):
 * the statement the stored facts give with the fact file's entries added —
 * an outage, a window, a force-majeure event… in the case file's own shape —
 * and the difference per line and in total. The stored facts come from a case
 * file or from the daemon's export of the contract (a GET: nothing is saved).
 */
export async function whatIf(a: WhatIfArgs, io: CliIo): Promise<number> {
  const stored = a.caseFile === undefined ? await storedCase(a.contract!, io) : await fileDocument(a.caseFile, io);
  if (stored === undefined) return 2;
  const fact = await fileDocument(a.fact, io);
  if (fact === undefined) return 2;
  if (typeof fact !== 'object' || fact === null || Array.isArray(fact)) {
    io.stderr(`${a.fact}: must be an object with one or more of ${FACT_LISTS.join(', ')}\n`);
    return 2;
  }
  const unknown = Object.keys(fact).filter((k) => !(FACT_LISTS as readonly string[]).includes(k));
  const notLists = Object.entries(fact).filter(([, v]) => !Array.isArray(v)).map(([k]) => k);
  if (unknown.length > 0 || notLists.length > 0 || Object.keys(fact).length === 0) {
    const problems = [
      ...unknown.map((k) => `${k}: not a fact list (one of ${FACT_LISTS.join(', ')})`),
      ...notLists.filter((k) => !unknown.includes(k)).map((k) => `${k}: must be a list`),
      ...(Object.keys(fact).length === 0 ? ['adds no fact'] : []),
    ];
    io.stderr(problems.map((p) => `${a.fact}: ${p}\n`).join(''));
    return 2;
  }
  const base = stored as Record<string, unknown>;
  const added = fact as Record<string, unknown[]>;
  const counts = Object.fromEntries(Object.keys(added).map((k) => [k, Array.isArray(base[k]) ? (base[k] as unknown[]).length : 0]));
  const merged = { ...base, ...Object.fromEntries(Object.entries(added).map(([k, v]) => [k, [...((base[k] as unknown[] | undefined) ?? []), ...v]])) };
  const before = parseCaseFile(base);
  if (!before.ok) {
    io.stderr(before.problems.map((p) => `stored facts: ${p}\n`).join(''));
    return 2;
  }
  const after = parseCaseFile(merged);
  if (!after.ok) {
    // Each problem by its path in the file it came from: an added entry's index counts from the fact file's start.
    io.stderr(after.problems.map((p) => `${relocate(p, counts, a.fact)}\n`).join(''));
    return 2;
  }
  const diff = statementDifference(computeStatement(before.caseFile), computeStatement(after.caseFile));
  const named = Object.values(added).flat().map((f) => (f as { id?: unknown }).id).filter((id) => typeof id === 'string');
  io.stdout(a.json ? `${JSON.stringify(differenceJson(diff), null, 2)}\n` : differenceText(diff, named.length > 0 ? named.join(', ') : a.fact));
  return 0;
}

function relocate(problem: string, counts: Record<string, number>, factFile: string): string {
  const m = /^(\w+)\[(\d+)\](.*)$/s.exec(problem);
  if (m === null || counts[m[1]!] === undefined) return `stored facts with ${factFile}: ${problem}`;
  const index = Number(m[2]);
  const stored = counts[m[1]!]!;
  return index < stored ? `stored facts: ${problem}` : `${factFile}: ${m[1]}[${index - stored}]${m[3]}`;
}

async function fileDocument(file: string, io: CliIo): Promise<unknown> {
  const read = await readCaseFile(resolve(io.cwd, file));
  if (read.ok) return read.value;
  io.stderr(`${file}: ${read.message}\n`);
  return undefined;
}

async function storedCase(contract: string, io: CliIo): Promise<unknown> {
  const answer = await callDaemon(io, 'GET', `/api/v1/contracts/${encodeURIComponent(contract)}/case`);
  if (!answer.reached) io.stderr(`${answer.message}\n`);
  else if (answer.status !== 200) io.stderr(`${refusalText(answer.status, answer.body)}\n`);
  else return answer.body;
  return undefined;
}
