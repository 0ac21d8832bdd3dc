import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';

// Child processes of a bench: pinned to a core with taskset, stopped by their
// own pid (never by name: other people's processes share this machine), and
// all stopped on exit, error or Ctrl-C.

const live = new Set<ChildProcess>();
const cleanups: Array<() => void> = [];
let exitHooked = false;

export const canPin = existsSync('/usr/bin/taskset');

/** Starts `argv` pinned to `core` (when taskset exists); its stderr is kept for error messages. */
export function startPinned(core: number | undefined, argv: string[], options: SpawnOptions = {}): ChildProcess {
  hookExit();
  const full = core !== undefined && canPin ? ['/usr/bin/taskset', '-c', String(core), ...argv] : argv;
  const child = spawn(full[0]!, full.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Runs at exit (normal, error or signal), for temp dirs and servers not started here. */
export function onCleanup(f: () => void): void {
  hookExit();
  cleanups.push(f);
}

/** SIGTERM (or `signal`), then SIGKILL after `graceMs`; resolves when it has exited. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Collects a child's output so a failure can say why. */
export function tail(child: ChildProcess, keep = 4_000): () => string {
  let text = '';
  const add = (chunk: Buffer) => (text = (text + chunk.toString()).slice(-keep));
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text;
}

/** A free loopback port (bound then released: good enough for a bench). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits until something accepts connections on the port, or fails after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number, why: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms\n${why()}`);
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  const killAll = () => {
    for (const child of live) child.kill('SIGKILL');
    for (const f of cleanups.splice(0).reverse()) {
      try {
        f();
      } catch {
        // best effort at exit
      }
    }
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
}

/**
 * The JSON lines a child prints on stdout, awaited by their `event` field;
 * rejects when the child exits first or the wait passes `timeoutMs`.
 */
export function jsonEvents(child: ChildProcess, why: () => string): (event: string, timeoutMs: number) => Promise<Record<string, unknown>> {
  const seen: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
      const line = buffered.slice(0, i).trim();
      buffered = buffered.slice(i + 1);
      if (line.startsWith('{')) seen.push(JSON.parse(line));
    }
    for (const wake of waiters) wake();
  });
  child.once('exit', () => {
    for (const wake of waiters) wake();
  });
  return (event, timeoutMs) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`no "${event}" from the child after ${timeoutMs} ms\n${why()}`)), timeoutMs);
      const check = () => {
        const found = seen.find((e) => e.event === event);
        if (found !== undefined) done(undefined, found);
        else if (child.exitCode !== null || child.signalCode !== null) done(new Error(`the child exited (${child.exitCode ?? child.signalCode}) before "${event}"\n${why()}`));
      };
      const done = (error?: Error, value?: Record<string, unknown>) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (error !== undefined) reject(error);
        else resolve(value!);
      };
      waiters.add(check);
      check();
    });
}
