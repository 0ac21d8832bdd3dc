import process from 'node:process';

// `pnpm bench NAME`: one line per benchmark, each in its own file.
const benches: Record<string, () => Promise<{ run: (args: string[]) => Promise<void> }>> = {
  engine: () => import('./engine.ts'),
  status: () => import('./status.ts'),
  metrics: () => import('./metrics.ts'),
  probes: () => import('./probes.ts'),
  storage: () => import('./storage.ts'),
  api: () => import('./api.ts'),
};

const [name, ...args] = process.argv.slice(2);
const load = name === undefined ? undefined : benches[name];
if (load === undefined) {
  process.stderr.write(`usage: pnpm bench ${Object.keys(benches).join('|')} [args]\n`);
  process.exit(2);
}
await (await load()).run(args);
