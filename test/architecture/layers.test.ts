import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, repoRoot } from './import-graph.ts';

// Issue #13: which layer may import which. A layer's rule lists the imports
// that break it as "file → import", so a failure says what to move.
const graph = importGraph(repoRoot, ['daemon', 'shared', 'status-site']);

/** Imports from files under `from` of workspace files under any of `to`, or of specifiers starting with any of `packages`. */
function crossing(from: string, to: readonly string[], packages: readonly string[] = []): string[] {
  return graph.files
    .filter((file) => file.startsWith(from))
    .flatMap((file) => [
      ...[...graph.edges.get(file)!].filter((target) => to.some((dir) => target.startsWith(dir))),
      ...[...graph.external.get(file)!].filter((specifier) => packages.some((p) => specifier === p || specifier.startsWith(`${p}/`))),
    ].map((target) => `${file} → ${target}`));
}

describe('layers', () => {
  it('the graph sees the daemon, shared and the status site, .astro pages included', () => {
    for (const dir of ['daemon/src/', 'shared/src/', 'status-site/src/pages/']) expect(graph.files.some((f) => f.startsWith(dir)), dir).toBe(true);
    expect(graph.files.some((f) => f.endsWith('.astro'))).toBe(true);
  });

  // The daemon mounts the site's build output by path (daemon/src/server/status-site-build.ts), never its sources.
  it('the daemon imports nothing of the status site, and does not depend on its package', () => {
    expect(crossing('daemon/', ['status-site/'], ['@sla/status-site'])).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'daemon/package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty('@sla/status-site');
  });

  it('shared imports neither the daemon nor the status site', () => {
    expect(crossing('shared/', ['daemon/', 'status-site/'], ['@sla/daemon', '@sla/status-site'])).toEqual([]);
  });

  it('the public read side and the metrics do not import the HTTP layer, and the read side not the metrics', () => {
    expect(crossing('daemon/src/public/', ['daemon/src/server/', 'daemon/src/metrics/'])).toEqual([]);
    expect(crossing('daemon/src/metrics/', ['daemon/src/server/'])).toEqual([]);
  });

  it('outside the metrics layer, the daemon knows the metrics by their interface, not the registry', () => {
    const registry = crossing('daemon/src/', ['daemon/src/metrics/registry.ts']).filter((line) => !line.startsWith('daemon/src/metrics/'));
    expect(registry).toEqual([]);
  });
});
