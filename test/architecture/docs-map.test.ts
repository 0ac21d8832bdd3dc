import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue #13: docs/architecture.md is the map a newcomer reads; a folder added
// to daemon/src or shared/src without a line there fails here.
const repo = join(import.meta.dirname, '../..');
const page = readFileSync(join(repo, 'docs/architecture.md'), 'utf8');
const folders = (dir: string) =>
  readdirSync(join(repo, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

describe('docs/architecture.md', () => {
  it.each(['daemon/src', 'shared/src'])('lists every folder of %s in its table', (dir) => {
    const section = page.split(`### \`${dir}\``)[1]?.split('\n#')[0] ?? '';
    const listed = new Set([...section.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([\w-]+)\/`/g)].map((n) => n[1])));
    expect(folders(dir).filter((name) => !listed.has(name))).toEqual([]);
    expect([...listed].filter((name) => !folders(dir).includes(name!))).toEqual([]);
  });

  it('names only files that exist', () => {
    const paths = [...page.matchAll(/`((?:daemon|shared|status-site|test)\/[\w./-]+\.ts)`/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => { try { readFileSync(join(repo, p)); return false; } catch { return true; } })).toEqual([]);
  });
});
