import type { RawRequest } from '../support/raw-http.ts';

// The hostile inputs of issue #12's reliability suite, generated from the
// OpenAPI document's schemas so a new operators' route or field is covered
// without editing this file. Each probe carries exactly one defect on top of
// a request that would otherwise be accepted (the base), so a 5xx or a 2xx
// points at that one defect.

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

export interface Probe extends RawRequest {
  name: string;
  /** The one status correct behaviour gives (413 for oversize); otherwise any 4xx. */
  expect?: number;
  /** A 4xx with any non-empty reason will do (the request never reaches an operators' route). */
  anyReason?: boolean;
}

export const SQL = "'; drop table contracts; --";
export const SCRIPT = '<script>alert(1)</script>';
const TRAVERSAL = '../../etc/passwd';
const MB = 1024 * 1024;

/** Path segments as sent on the wire (already encoded where a client would encode). */
export const PATH_PAYLOADS = [
  '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%252f..%252fetc%252fpasswd', '2147483648', '9'.repeat(30),
  '-1', '0', '1.5', '1e3', '%00', 'a%00b', encodeURIComponent(SQL), encodeURIComponent(SCRIPT), 'x'.repeat(300),
];

/** Values a field of `schema` named `name` must refuse with a 4xx; `expect` when one status is the answer. */
export function badValues(name: string, schema: JsonSchema): Array<{ label: string; value: unknown; expect?: number }> {
  const nullable = (schema.anyOf ?? []).some((s) => s.type === 'null');
  const s = schema.anyOf?.find((x) => x.type !== 'null') ?? schema;
  const out: Array<{ label: string; value: unknown; expect?: number }> = [];
  if (!nullable) out.push({ label: 'null', value: null });
  switch (s.type) {
    case 'string': {
      out.push({ label: 'a number', value: 12345 }, { label: 'a boolean', value: true }, { label: 'an object', value: {} }, { label: 'an array', value: ['x'] });
      out.push({ label: 'a NUL byte', value: 'a\u0000b' }, { label: 'only NUL bytes', value: '\u0000'.repeat(16) });
      const constrained = s.enum !== undefined || s.pattern !== undefined || s.format !== undefined || name === 'timeZone';
      if (constrained) out.push({ label: 'SQL', value: SQL }, { label: 'a script', value: SCRIPT }, { label: 'path traversal', value: TRAVERSAL });
      if (name === 'timeZone') out.push({ label: 'an unknown zone', value: 'Mars/Olympus' });
      if (/Vnd$/.test(name)) {
        out.push(
          { label: 'negative money', value: '-1' }, { label: 'zero fee', value: '0' }, { label: 'fractional money', value: '1.5' }, { label: 'exponent money', value: '1e9' },
          { label: '51-digit money', value: `1${'0'.repeat(50)}` }, { label: '60 nines', value: '9'.repeat(60) }, { label: 'negative 51-digit money', value: `-1${'0'.repeat(50)}` },
        );
      }
      if (s.format === 'date-time') out.push({ label: 'an impossible date', value: '2025-02-30T00:00:00Z' }, { label: 'a date without time', value: '2025-01-01' }, { label: 'no offset', value: '2025-01-01T00:00:00' });
      break;
    }
    case 'integer':
    case 'number':
      out.push(
        { label: 'a string', value: '1' }, { label: 'int4 overflow', value: 2147483648 }, { label: 'negative int4 overflow', value: -2147483649 },
        { label: '30 nines', value: Number('9'.repeat(30)) }, { label: 'negative', value: -1 }, { label: 'zero', value: 0 }, { label: 'a fraction', value: 1.5 },
      );
      break;
    case 'boolean':
      out.push({ label: 'a string', value: 'true' }, { label: 'a number', value: 1 });
      break;
    case 'array':
      out.push({ label: 'a string', value: 'x' }, { label: 'an object', value: {} }, { label: '[null]', value: [null] });
      break;
    case 'object':
      out.push({ label: 'a string', value: 'x' }, { label: 'an array', value: [] });
      break;
  }
  return out;
}

/** Free text (no enum, pattern or format): where a 10 MB value goes. */
const isFreeText = (name: string, s: JsonSchema) => s.type === 'string' && !s.enum && !s.pattern && !s.format && name !== 'timeZone' && !/Vnd$/.test(name);

type PathKey = string | number;
const setAt = (root: unknown, path: PathKey[], value: unknown): unknown => {
  const copy = structuredClone(root) as any;
  let at = copy;
  // An optional object the base leaves out (a window's recurrence) is created, so its fields are probed too.
  for (let i = 0; i < path.length - 1; i++) {
    at[path[i]!] ??= typeof path[i + 1] === 'number' ? [] : {};
    at = at[path[i]!];
  }
  at[path.at(-1)!] = value;
  return copy;
};
const getAt = (root: unknown, path: PathKey[]): unknown => path.reduce<any>((at, key) => (at == null ? undefined : at[key]), root);

/** Every field of `schema` (nested objects and the first item of arrays) with its path. */
function fields(schema: JsonSchema, base: unknown, path: PathKey[] = []): Array<{ path: PathKey[]; name: string; schema: JsonSchema }> {
  const out: Array<{ path: PathKey[]; name: string; schema: JsonSchema }> = [];
  const s = schema.anyOf?.find((x) => x.type !== 'null') ?? schema;
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    const childPath = [...path, name];
    out.push({ path: childPath, name, schema: child });
    const c = child.anyOf?.find((x) => x.type !== 'null') ?? child;
    if (c.type === 'object') out.push(...fields(c, base, childPath));
    if (c.type === 'array' && c.items && Array.isArray(getAt(base, childPath)) && (getAt(base, childPath) as unknown[]).length > 0) {
      const items = c.items;
      if (items.type === 'object') out.push(...fields(items, base, [...childPath, 0]));
      else out.push({ path: [...childPath, 0], name, schema: items });
    }
  }
  return out;
}

const json = { 'content-type': 'application/json' };

/** The body probes of one route: malformed, wrong shape, each field's bad values, missing required fields, oversize. */
export function bodyProbes(method: string, path: string, schema: JsonSchema, base: Record<string, unknown>): Probe[] {
  const probe = (name: string, body: string | Buffer, extra: Partial<Probe> = {}): Probe => ({ name: `${method} ${path}: ${name}`, method, path, headers: json, body, ...extra });
  const probes: Probe[] = [
    probe('malformed JSON', '{"title":'), probe('not JSON', 'not json'), probe('an empty body', ''), probe('JSON null', 'null'),
    probe('a JSON array', '[]'), probe('a JSON string', '"x"'), probe('a JSON number', '123'), probe('trailing garbage', `${JSON.stringify(base)}}`),
    probe('an unknown key', JSON.stringify({ ...base, zz: SQL })), probe('a __proto__ key', JSON.stringify(base).replace(/^\{/, '{"__proto__":{"role":"admin"},')),
  ];
  for (const key of schema.required ?? []) {
    const { [key]: _dropped, ...rest } = base;
    probes.push(probe(`without ${key}`, JSON.stringify(rest)));
  }
  const all = fields(schema, base);
  for (const f of all) for (const bad of badValues(f.name, f.schema)) probes.push(probe(`${f.path.join('.')} = ${bad.label}`, JSON.stringify(setAt(base, f.path, bad.value)), bad.expect ? { expect: bad.expect } : {}));
  const text = all.filter((f) => f.path.length === 1 && isFreeText(f.name, f.schema.anyOf?.find((x) => x.type !== 'null') ?? f.schema));
  const first = text[0]?.path ?? ['zz'];
  const second = text[1]?.path ?? first;
  // issue #12: a 10 MB incident body was accepted (201); bodies over 1 MB are 413.
  probes.push(probe(`${first.join('.')} of 10 MB`, JSON.stringify(setAt(base, first, 'a'.repeat(10 * MB))), { expect: 413 }));
  probes.push(probe(`${second.join('.')} making the body 1 MB + 1 byte`, oneMbPlusOne(base, second), { expect: 413 }));
  probes.push(probe('2 MB sent chunked, no Content-Length', JSON.stringify(setAt(base, first, 'b'.repeat(2 * MB))), { expect: 413, chunked: true }));
  return probes;
}

/** The base body with the text at `path` grown until the whole JSON is exactly 1 MiB + 1 byte. */
function oneMbPlusOne(base: Record<string, unknown>, path: PathKey[]): string {
  const without = JSON.stringify(setAt(base, path, '')).length;
  const body = JSON.stringify(setAt(base, path, 'c'.repeat(MB + 1 - without)));
  if (body.length !== MB + 1) throw new Error(`oversize body is ${body.length} bytes`);
  return body;
}
