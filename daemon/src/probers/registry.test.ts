import http from 'node:http';
import { MONITOR_KINDS } from '@sla/shared';
import { describe, expect, it, vi } from 'vitest';
import { createProbers } from './registry.ts';
import { countConnections, listen, probeContext, stop } from './testing/loopback.ts';
import type { HttpSpec, TcpSpec } from './types.ts';

describe('createProbers', () => {
  it('has a prober for every monitor kind', async () => {
    await using probers = createProbers();
    for (const kind of MONITOR_KINDS) expect(probers.byKind[kind], kind).toBeTypeOf('function');
    expect(Object.keys(probers.byKind).sort()).toEqual([...MONITOR_KINDS].sort());
  });

  it('dispatches on spec.kind and closes kept-alive connections at shutdown', async () => {
    const server = http.createServer((_request, response) => response.end('ok'));
    const port = await listen(server);
    const connections = countConnections(server);
    let closed = 0;
    server.on('connection', (socket) => socket.on('close', () => (closed += 1)));
    const probers = createProbers();
    const httpSpec: HttpSpec = { kind: 'http', target: `http://127.0.0.1:${port}/`, timeoutMs: 1_000, keepAlive: true, expect: { status: ['2xx'] } };
    const tcpSpec: TcpSpec = { kind: 'tcp', target: `127.0.0.1:${port}`, timeoutMs: 1_000, expect: {} };
    expect((await probers.probe(httpSpec, probeContext(1_000))).state).toBe('up');
    expect((await probers.probe(tcpSpec, probeContext(1_000))).state).toBe('up');
    await probers.close();
    expect(connections()).toBe(2); // the kept-alive one, and the tcp probe's
    await vi.waitFor(() => expect(closed).toBe(2));
    await stop(server);
  });
});
