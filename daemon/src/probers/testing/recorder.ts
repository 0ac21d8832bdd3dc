// A loopback HTTP(S) server that records each request it receives (method,
// path, headers, body) before answering, so tests assert what a probe sent
// on the wire, not what the prober meant to send (issue #14).
import http from 'node:http';
import https from 'node:https';
import type { Certificate } from './certificates.ts';
import { listen, stop } from './loopback.ts';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** Raw header lines, names as sent, for what the parsed headers merge. */
  rawHeaders: string[];
  body: string;
}

export type Answer = (request: Received, response: http.ServerResponse) => void;

export interface Recorder {
  /** http://127.0.0.1:port or https://localhost:port */
  base: string;
  received: Received[];
  close: () => Promise<void>;
}

export async function recordingServer(answer: Answer, certificate?: Certificate): Promise<Recorder> {
  const received: Received[] = [];
  const handle = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const seen: Received = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, rawHeaders: request.rawHeaders, body: Buffer.concat(chunks).toString('utf8') };
      received.push(seen);
      answer(seen, response);
    });
  };
  const server = certificate ? https.createServer({ cert: certificate.cert, key: certificate.key }, handle) : http.createServer(handle);
  const port = await listen(server);
  return { base: certificate ? `https://localhost:${port}` : `http://127.0.0.1:${port}`, received, close: () => stop(server) };
}
