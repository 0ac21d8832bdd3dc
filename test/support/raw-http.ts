import { request } from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent byte for byte: no URL normalisation, so `../` and `%2e` reach the server as written. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body with Transfer-Encoding: chunked (no Content-Length). */
  chunked?: boolean;
}

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

/**
 * One request exactly as written, for hostile-input tests (issue #12): a
 * server that answers early (413) and stops reading still counts as its
 * answer; a reset with no answer at all is an error.
 */
export function rawRequest(baseUrl: string, r: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const body = r.body === undefined ? undefined : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body);
    const headers: Record<string, string> = { ...r.headers };
    if (body !== undefined && !r.chunked) headers['content-length'] = String(body.length);
    if (r.chunked) headers['transfer-encoding'] = 'chunked';
    const req = request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (body === undefined) req.end();
    else if (r.chunked) {
      // 64 KiB pieces, so the server sees a stream with no length announced.
      for (let i = 0; i < body.length; i += 65_536) req.write(body.subarray(i, i + 65_536));
      req.end();
    } else req.end(body);
  });
}
