import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bodyFailure, jsonPathGet, readCapped, statusMatches } from './http-expect.ts';
import type { HttpSpec } from './types.ts';

describe('statusMatches', () => {
  it.each([
    [200, ['2xx'], true],
    [299, ['2xx'], true],
    [301, ['2xx'], false],
    [301, ['2xx', 301], true],
    [302, ['2xx', 301], false],
    [404, [404], true],
    [503, ['5xx'], true],
    [200, [], false],
  ] as const)('%i against %j → %s', (status, matchers, matches) => {
    expect(statusMatches(status, matchers)).toBe(matches);
  });
});

describe('jsonPathGet', () => {
  const doc = { status: 'ok', checks: [{ name: 'db', ok: true }], nested: { count: 3, 'dotted.key': 1 } };
  it.each([
    ['$.status', 'ok'],
    ['status', 'ok'],
    ['$.checks.0.ok', true],
    ['$.checks[0].name', 'db'],
    ['nested.count', 3],
    ['$.missing', undefined],
    ['$.status.length', undefined], // no properties of primitives
    ['$.checks.5', undefined],
    ['$.toString', undefined], // only own keys
  ])('%s → %j', (path, value) => {
    expect(jsonPathGet(doc, path)).toEqual(value);
  });
  it('$ is the document', () => expect(jsonPathGet(doc, '$')).toBe(doc));
});

describe('bodyFailure', () => {
  const base: HttpSpec['expect'] = { status: ['2xx'] };
  it.each([
    ['contains', '{"status":"ok"}', { bodyContains: 'ok' }, undefined],
    ['misses', 'all good', { bodyContains: 'healthy' }, "body does not contain 'healthy'"],
    ['json equal', '{"status":"ok"}', { jsonPath: { path: '$.status', equals: 'ok' } }, undefined],
    ['json number', '{"n":1}', { jsonPath: { path: 'n', equals: 1 } }, undefined],
    ['json strict', '{"n":"1"}', { jsonPath: { path: 'n', equals: 1 } }, 'n is "1", expected 1'],
    ['json differs', '{"status":"down"}', { jsonPath: { path: '$.status', equals: 'ok' } }, '$.status is "down", expected "ok"'],
    ['json missing', '{}', { jsonPath: { path: '$.db.ok', equals: true } }, '$.db.ok is missing, expected true'],
    ['not json', '<html>', { jsonPath: { path: '$.status', equals: 'ok' } }, 'body is not JSON'],
  ] as const)('%s', (_name, body, extra, message) => {
    const failure = bodyFailure(body, false, { ...base, ...extra });
    expect(failure).toEqual(message === undefined ? undefined : { kind: 'body', message });
  });
});

describe('readCapped', () => {
  it('stops at the limit and says so', async () => {
    const body = Readable.from([Buffer.alloc(40, 'a'), Buffer.alloc(40, 'b'), Buffer.alloc(40, 'c')]);
    const { text, truncated } = await readCapped(body, 64);
    expect(text).toBe('a'.repeat(40) + 'b'.repeat(24));
    expect(truncated).toBe(true);
    expect(body.destroyed).toBe(true);
  });
  it('reads a short body whole', async () => {
    expect(await readCapped(Readable.from([Buffer.from('hi')]), 64)).toEqual({ text: 'hi', truncated: false });
  });
});
