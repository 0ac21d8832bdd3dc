import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

// The shape every bench section in docs/benchmarks.md takes: a heading with
// the date, the exact command, the machine, then tables.

export function machine(): string {
  const cpu = /model name\s*:\s*(.*)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? 'unknown';
  return `${cpu}, nproc ${availableParallelism()}, Node ${process.version}, ${process.platform}/${process.arch}`;
}

export function command(bench: string, args: string[]): string {
  return `\`npx -y pnpm@10 bench ${[bench, ...args].join(' ')}\` (runs \`node bench/main.ts ${bench}\`)`;
}

export function table(header: string[], rows: Array<Array<string | number>>): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Prints the section and, unless --no-write, appends it to docs/benchmarks.md. */
export function publish(section: string, args: string[]): void {
  process.stdout.write(`\n${section}`);
  if (args.includes('--no-write')) return;
  const file = new URL('../../docs/benchmarks.md', import.meta.url);
  if (!existsSync(file)) writeFileSync(file, '# Benchmarks\n');
  appendFileSync(file, `\n${section}`);
}

export const fixed = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
