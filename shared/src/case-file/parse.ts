import { formatPath } from '../config/parse.ts';
import type { PathProblem } from '../config/references.ts';
import { checkCaseFile } from './checks.ts';
import { issueProblems } from './problems.ts';
import { caseFileSchema, type CaseFile } from './schema.ts';

export type CaseFileResult = { ok: true; caseFile: CaseFile } | { ok: false; problems: string[] };

/**
 * Validates a case file already read from JSON or YAML (pure: the caller reads
 * the file). Every problem at once, as `path: message` lines in the order the
 * paths appear in the document (docs/case-file.md).
 */
export function parseCaseFile(raw: unknown): CaseFileResult {
  const parsed = caseFileSchema.safeParse(raw, { reportInput: true });
  const found = [...(parsed.success ? [] : parsed.error.issues.flatMap(issueProblems)), ...checkCaseFile(raw)];
  if (parsed.success && found.length === 0) return { ok: true, caseFile: parsed.data };
  const keyed = found.map((problem) => ({ problem, order: documentOrder(raw, problem.path) }));
  keyed.sort((a, b) => compareOrder(a.order, b.order));
  return { ok: false, problems: keyed.map(({ problem }) => formatProblem(problem)) };
}

function formatProblem(problem: PathProblem): string {
  const path = formatPath(problem.path);
  return path === '' ? problem.message : `${path}: ${problem.message}`;
}

/** Where a path sits in the document: each step's position among its siblings; missing keys go last. */
function documentOrder(raw: unknown, path: ReadonlyArray<string | number>): number[] {
  const order: number[] = [];
  let node = raw;
  for (const key of path) {
    if (node === null || typeof node !== 'object') {
      order.push(Number.MAX_SAFE_INTEGER);
      continue;
    }
    const index = Array.isArray(node) ? Number(key) : Object.keys(node).indexOf(String(key));
    order.push(index < 0 ? Number.MAX_SAFE_INTEGER : index);
    node = (node as Record<string | number, unknown>)[key];
  }
  return order;
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
