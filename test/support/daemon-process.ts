import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DAEMON_ENV, DAEMON_NODE_FLAGS } from '../../daemon/src/node-flags.ts';

const MAIN = join(import.meta.dirname, '../../daemon/src/main.ts');

export interface DaemonProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/**
 * Starts `daemon/src/main.ts` as a real process (the same Node that runs the tests, with the flags it ships with) and waits until it serves.
 * `prefix` runs it through another command, such as `ip netns exec NAME` (test/support/netns.ts), which execs it: the child is the daemon.
 */
export function spawnDaemon(args: string[], env: Record<string, string | undefined>, prefix: readonly string[] = []): Promise<DaemonProcess> {
  const child = startMain(args, env, prefix);
  let output = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1]!, child, output: () => output, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`daemon exited (${code}) before serving:\n${output}`)));
  });
}

/** Runs the daemon expecting it to refuse to start; returns its exit code and output. */
export async function runDaemonToExit(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | string; output: string }> {
  const child = startMain(args, env);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => { output += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { output += c.toString(); });
  const code = await new Promise<number | string>((resolve) => child.once('exit', (c, s) => resolve(c ?? s ?? -1)));
  return { code, output };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** main.ts as the daemon ships (node-flags.ts), on a free port unless `env` says otherwise. */
function startMain(args: string[], env: Record<string, string | undefined>, prefix: readonly string[] = []): ChildProcess {
  const command = [...prefix, process.execPath, ...DAEMON_NODE_FLAGS, MAIN, ...args];
  return spawn(command[0]!, command.slice(1), { env: { ...process.env, ...DAEMON_ENV, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}
