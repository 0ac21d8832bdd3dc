import process from 'node:process';
// bench/ is not a workspace package: it reaches undici through the daemon's dependency (the same version the prober uses).
import { Client } from '../../daemon/node_modules/undici/index.js';

// The ceiling: bare undici, a new connection per request ("connection: close",
// then the client destroyed, as the daemon's prober does by default), as many
// requests as `concurrency` loops can make for `durationMs` after a warm-up.
// Run as its own process, pinned by the parent to the core under test.
//   node raw-undici.ts <origin> <paths> <concurrency> <warmupMs> <durationMs>

const [origin, paths, concurrency, warmupMs, durationMs] = process.argv.slice(2) as [string, string, string, string, string];
const n = Number(paths);
let counting = false;
let requests = 0;
let failures = 0;
let next = 0;
let stop = false;

async function loop(): Promise<void> {
  while (!stop) {
    const path = `/t/${String(next++ % n).padStart(5, '0')}`;
    const client = new Client(origin);
    try {
      const response = await client.request({ path, method: 'GET', reset: true });
      await response.body.dump();
      if (counting) response.statusCode === 200 ? requests++ : failures++;
    } catch {
      if (counting) failures++;
    } finally {
      await client.destroy();
    }
  }
}

const loops = Array.from({ length: Number(concurrency) }, loop);
await new Promise((resolve) => setTimeout(resolve, Number(warmupMs)));
counting = true;
const cpu = process.cpuUsage();
const started = performance.now();
await new Promise((resolve) => setTimeout(resolve, Number(durationMs)));
counting = false;
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
stop = true;
await Promise.all(loops);
process.stdout.write(`${JSON.stringify({ requests, failures, seconds, cpuMs: (used.user + used.system) / 1000 })}\n`);
