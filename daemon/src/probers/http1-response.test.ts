// The response parser alone, fed the bytes in every possible split: a
// socket's reads can cut a response anywhere (the socket tests are in
// http-plain.test.ts).
import { describe, expect, it } from 'vitest';
import { createResponseParser, MalformedResponse } from './http1-response.ts';

function parse(bytes: string, splitAt: number[], o: { head: boolean; keepBytes: number; keepHeaders?: string[] } = { head: false, keepBytes: 1024 }) {
  const parser = createResponseParser(o);
  const buffer = Buffer.from(bytes, 'latin1');
  let complete = false;
  let from = 0;
  for (const to of [...splitAt, buffer.length]) {
    complete = parser.push(buffer.subarray(from, to)) || complete;
    from = to;
  }
  return { complete, ended: parser.end(), status: parser.status(), body: Buffer.concat(parser.body()).toString('latin1'), bytes: parser.bodyBytes(), headers: Object.fromEntries(parser.headers()) };
}

const everySplit = (bytes: string) => Array.from({ length: bytes.length - 1 }, (_, i) => [i + 1]);

describe('createResponseParser', () => {
  const cases = [
    ['content-length', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello', 200, 'hello'],
    ['chunked with extension and trailer', 'HTTP/1.1 201 Created\r\ntransfer-encoding: gzip, chunked\r\n\r\n3;a=b\r\nhel\r\n2\r\nlo\r\n0\r\nx-t: 1\r\n\r\n', 201, 'hello'],
    ['1xx before the final response', 'HTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok', 200, 'ok'],
    ['204 without a body', 'HTTP/1.1 204 No Content\r\ncontent-length: 9\r\n\r\n', 204, ''],
    ['an empty chunked body', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n', 200, ''],
  ] as const;
  it.each(cases)('completes on %s, however the bytes are split', (_name, bytes, status, body) => {
    for (const split of [[], ...everySplit(bytes)]) {
      expect(parse(bytes, split)).toMatchObject({ complete: true, status, body });
    }
  });

  it('completes a body without framing only at the close', () => {
    const bytes = 'HTTP/1.0 200 OK\r\nserver: old\r\n\r\nuntil the end';
    expect(parse(bytes, [20])).toMatchObject({ complete: false, ended: true, status: 200, body: 'until the end' });
  });

  it('reads no body after HEAD', () => {
    expect(parse('HTTP/1.1 200 OK\r\ncontent-length: 50\r\n\r\n', [], { head: true, keepBytes: 1024 })).toMatchObject({ complete: true, status: 200, bytes: 0 });
  });

  it('counts every body byte but keeps only about keepBytes', () => {
    const bytes = `HTTP/1.1 200 OK\r\ncontent-length: 3000\r\n\r\n${'z'.repeat(3000)}`;
    const splits = Array.from({ length: 30 }, (_, i) => 40 + i * 100);
    const result = parse(bytes, splits, { head: false, keepBytes: 500 });
    expect(result.bytes).toBe(3000);
    expect(result.body.length).toBeGreaterThanOrEqual(500);
    expect(result.body.length).toBeLessThan(700);
  });

  it('is not complete, nor completed by a close, when the framing says more is due', () => {
    expect(parse('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nok', [])).toMatchObject({ complete: false, ended: false, status: 200 });
    expect(parse('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nok\r\n', [])).toMatchObject({ complete: false, ended: false });
    expect(parse('HTTP/1.1 200 OK\r\n', [])).toMatchObject({ complete: false, ended: false, status: undefined });
  });

  const refused = [
    ['HTTP/2 200\r\n\r\n', 'status line'],
    ['HTTP/1.1 20 OK\r\n\r\n', 'status line'],
    ['HTTP/1.1 101 Switching Protocols\r\n\r\n', '101'],
    ['HTTP/1.1 200 OK\r\n folded: header\r\n\r\n', 'header line'],
    ['HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n', 'content-length'],
    ['HTTP/1.1 200 OK\r\ncontent-length: 2, 3\r\n\r\n', 'content-length'],
    ['HTTP/1.1 200 OK\r\ntransfer-encoding: chunked, chunked\r\n\r\n', 'chunked applied twice'],
    ['HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n1\r\nab\r\n', 'longer than its size'],
  ] as const;
  it.each(refused)('refuses %j', (bytes, message) => {
    expect(() => parse(bytes, [])).toThrow(MalformedResponse);
    expect(() => parse(bytes, [])).toThrow(message);
  });

  it('accepts a list of equal content-lengths as one', () => {
    expect(parse('HTTP/1.1 200 OK\r\ncontent-length: 2, 2\r\n\r\nok', [])).toMatchObject({ complete: true, body: 'ok' });
  });

  it('keeps the final response\'s headers it is asked for, trimmed, repeats joined (issue #14)', () => {
    const bytes = 'HTTP/1.1 103 Early Hints\r\nlink: </early>\r\n\r\nHTTP/1.1 302 Found\r\nLocation:  /next \r\nLink: </a>\r\nX-Other: 1\r\nlink: </b>\r\ncontent-length: 0\r\n\r\n';
    for (const split of [[], ...everySplit(bytes)]) {
      const { headers } = parse(bytes, split, { head: false, keepBytes: 0, keepHeaders: ['location', 'link', 'etag'] });
      expect(headers).toEqual({ location: '/next', link: '</a>, </b>' });
    }
  });

  it('ignores bytes after a complete response', () => {
    expect(parse('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nokEXTRA', [])).toMatchObject({ complete: true, body: 'ok', bytes: 2 });
  });
});
