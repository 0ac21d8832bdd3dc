import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCircles, importGraph, repoRoot } from './import-graph.ts';

// Issue #13: server/deps.ts → metrics/registry.ts → metrics/uptime.ts →
// public/deps.ts → server/deps.ts was a circle of type imports. None may come back.
describe('import circles', () => {
  it('there are none in the workspace, type-only imports included', () => {
    const graph = importGraph(repoRoot, ['daemon', 'shared', 'status-site', 'test', 'bench']);
    expect(graph.files.length).toBeGreaterThan(300);
    expect(importCircles(graph.edges).map((circle) => circle.join(' → '))).toEqual([]);
  });

  describe('the check itself', () => {
    const root = mkdtempSync(join(tmpdir(), 'sla-import-graph-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('lib/package.json', JSON.stringify({ name: '@x/lib', exports: { '.': './src/index.ts', './*': './src/*' } }));
    write('lib/src/index.ts', "export * from './a.ts';\n");
    write('lib/src/a.ts', "import type { B } from './b.ts';\nexport type A = B;\n");
    write('lib/src/b.ts', "// import { a } from './c.ts' is a comment, not an import\nimport {\n  type C,\n} from '@x/lib/c.ts';\nexport type B = C;\n");
    write('lib/src/c.ts', "import { z } from 'zod';\nexport type C = typeof import('./index.ts');\nexport const y = z;\n");
    write('lib/src/d.astro', "---\nimport { y } from '@x/lib';\n---\n");
    write('lib/src/e.ts', "import './e.ts';\n");

    it('finds a circle of type-only, package-path and import() imports, and a file importing itself', () => {
      const graph = importGraph(root, ['lib']);
      expect(graph.edges.get('lib/src/b.ts')).toEqual(new Set(['lib/src/c.ts']));
      expect(graph.edges.get('lib/src/d.astro')).toEqual(new Set(['lib/src/index.ts']));
      expect(graph.external.get('lib/src/c.ts')).toEqual(new Set(['zod']));
      expect(importCircles(graph.edges)).toEqual([
        ['lib/src/a.ts', 'lib/src/b.ts', 'lib/src/c.ts', 'lib/src/index.ts', 'lib/src/a.ts'],
        ['lib/src/e.ts', 'lib/src/e.ts'],
      ]);
    });
  });
});
