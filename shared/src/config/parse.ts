import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { checkReferences, type PathProblem } from './references.ts';
import { checkSecrets, type Env } from './secrets.ts';
import { configSchema, type Config } from './schema.ts';

export interface ConfigProblem {
  file: string;
  line: number;
  /** JSON-style path: `monitors[2].timeout`; empty for the document itself. */
  path: string;
  message: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

/** `file:line: path: message`, the one way a config problem is written everywhere. */
export function formatProblem(p: ConfigProblem): string {
  // Line 0: the file as a whole (unreadable), no line to point at.
  return `${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`),
    '',
  );
}

/**
 * Parses and validates a YAML config; pure: the caller reads the file and
 * gives the environment that the secrets of `auth` are read from (issue #14;
 * none by default).
 */
export function parseConfig(source: string, file: string, env: Env = {}): ConfigResult {
  const checked = checkConfig(source, file, env);
  return checked.ok ? { ok: true, config: checked.config } : checked;
}

/** A valid config as the plain data of its YAML document, which structured clone carries to another thread (a Config holds Temporal values, which it does not). */
export type ConfigDocumentResult = { ok: true; document: unknown } | { ok: false; problems: ConfigProblem[] };

/** parseConfig for a thread that hands its result on: the same problems, or the document to give configFromDocument. */
export function parseConfigDocument(source: string, file: string, env: Env = {}): ConfigDocumentResult {
  const checked = checkConfig(source, file, env);
  return checked.ok ? { ok: true, document: checked.document } : checked;
}

/** The Config of a document parseConfigDocument found valid. */
export function configFromDocument(document: unknown): Config {
  return configSchema.parse(document);
}

function checkConfig(source: string, file: string, env: Env): { ok: true; config: Config; document: unknown } | { ok: false; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        path: '',
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = configSchema.safeParse(raw, { reportInput: true });
  const found: PathProblem[] = [...(parsed.success ? [] : parsed.error.issues.flatMap(toPathProblems)), ...checkReferences(raw), ...checkSecrets(raw, env)];
  if (parsed.success && found.length === 0) return { ok: true, config: parsed.data, document: raw };
  const problems = found.map((p) => ({ file, line: lineOf(doc, lineCounter, p.path), path: formatPath(p.path), message: p.message }));
  problems.sort((a, b) => a.line - b.line || a.path.localeCompare(b.path));
  return { ok: false, problems };
}

/** One zod issue as `path: message` problems in the words the config uses (also the API's, issue #4). */
export function toPathProblems(issue: z.core.$ZodIssue): PathProblem[] {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown key' }));
  if (issue.code === 'invalid_type')
    return [{ path, message: issue.input === undefined ? 'required' : `must be ${article(issue.expected)}, not ${describe(issue.input)}` }];
  if (issue.code === 'too_small')
    return [{ path, message: issue.origin === 'array' ? `must hold at least ${issue.minimum}` : issue.origin === 'string' ? `must be at least ${issue.minimum} character${issue.minimum === 1 ? '' : 's'} long` : `must be at least ${issue.minimum}` }];
  // A map's key (a header name): what its own schema said of it.
  if (issue.code === 'invalid_key') return [{ path, message: issue.issues.map((i) => i.message).join('; ') }];
  if (issue.code === 'invalid_value') return [{ path, message: `must be one of ${issue.values.map(String).join(', ')}` }];
  return [{ path, message: issue.message }];
}

/** The line of the key or node at `path`, or of its nearest ancestor that exists (a missing key). */
function lineOf(doc: Document, counter: LineCounter, path: Array<string | number>): number {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
    const key = path[depth - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (pair && isScalar(pair.key) && pair.key.range) return counter.linePos(pair.key.range[0]).line;
    }
    if (isSeq(parent) && typeof key === 'number') {
      const item = parent.items[key];
      if (isNode(item) && item.range) return counter.linePos(item.range[0]).line;
    }
  }
  return isNode(doc.contents) && doc.contents.range ? counter.linePos(doc.contents.range[0]).line : 1;
}

const article = (type: string) => (type === 'array' ? 'a list' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : `${typeof value} ${JSON.stringify(value)}`);
