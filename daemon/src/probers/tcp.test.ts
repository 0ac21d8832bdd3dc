import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeTcp } from './tcp.ts';
import { closedPort, listen, probeContext, stalledListener, stop } from './testing/loopback.ts';
import type { TcpSpec } from './types.ts';

const spec = (port: number, extra: Partial<TcpSpec> = {}): TcpSpec => ({
  kind: 'tcp',
  target: `127.0.0.1:${port}`,
  timeoutMs: 2_000,
  expect: {},
  ...extra,
});

describe('probeTcp', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function server(): Promise<number> {
    const s = net.createServer((socket) => socket.destroy());
    cleanups.push(() => stop(s));
    return listen(s);
  }

  it('is up when the handshake completes, and times it', async () => {
    const result = await probeTcp(spec(await server()), probeContext(2_000));
    expect(result.state).toBe('up');
    expect(result.timings?.connectMs).toBe(result.durationMs);
  });

  it('is down "refused" on a closed port', async () => {
    const result = await probeTcp(spec(await closedPort()), probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'refused' } });
  });

  it('is down "timeout" promptly when the handshake hangs', async () => {
    const stalled = await stalledListener();
    cleanups.push(stalled.close);
    const started = performance.now();
    const result = await probeTcp(spec(stalled.port, { timeoutMs: 300 }), probeContext(300));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'timeout' } });
    expect(performance.now() - started).toBeLessThan(400);
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('is down "timeout" at once when the deadline has already passed', async () => {
    const ctx = { ...probeContext(1_000), signal: AbortSignal.abort(new DOMException('late', 'TimeoutError')) };
    const result = await probeTcp(spec(await server()), ctx);
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'timeout', message: 'late' } });
  });

  it('is degraded "latency" above degradedAboveMs', async () => {
    // A monotonic clock that advances 50 ms per read makes the handshake "slow" deterministically.
    let fake = 0;
    const ctx = { ...probeContext(2_000), monotonic: () => (fake += 50) };
    const result = await probeTcp(spec(await server(), { expect: { degradedAboveMs: 10 } }), ctx);
    expect(result).toMatchObject({ state: 'degraded', durationMs: 50, failure: { kind: 'latency' } });
  });
});
