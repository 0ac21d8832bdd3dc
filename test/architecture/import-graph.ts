// The workspace's import graph, read from the sources (issue #13): every
// `import`/`export … from`, type-only ones included (a type import ties two
// modules' designs as much as a value import does), side-effect imports and
// `import('…')`, in .ts files and .astro frontmatter and scripts. Specifiers
// resolve relatively or through a workspace package's `exports`; anything
// else (npm packages, node:) is outside the graph and kept as unresolved.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ImportGraph {
  /** Files relative to the root, with forward slashes. */
  files: string[];
  /** File → the workspace files it imports. */
  edges: Map<string, Set<string>>;
  /** File → the specifiers it imports that are not workspace files. */
  external: Map<string, Set<string>>;
}

const SOURCE = /\.(ts|mts|astro)$/;
const STATIC_IMPORT = /^[ \t]*(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm;
const SIDE_EFFECT_IMPORT = /^[ \t]*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The specifiers `source` imports. */
export function importSpecifiers(source: string): string[] {
  return [STATIC_IMPORT, SIDE_EFFECT_IMPORT, DYNAMIC_IMPORT].flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]!));
}

/** The graph of the source files under `dirs` (relative to `root`), skipping node_modules and build output. */
export function importGraph(root: string, dirs: readonly string[]): ImportGraph {
  const packages = workspacePackages(root);
  const files = dirs.flatMap((dir) => walk(root, dir)).sort();
  const known = new Set(files);
  const edges = new Map<string, Set<string>>();
  const external = new Map<string, Set<string>>();
  for (const file of files) {
    const to = new Set<string>();
    const outside = new Set<string>();
    for (const specifier of importSpecifiers(readFileSync(join(root, file), 'utf8'))) {
      const target = resolve(file, specifier, packages);
      if (target !== undefined && known.has(target)) to.add(target);
      else outside.add(specifier);
    }
    edges.set(file, to);
    external.set(file, outside);
  }
  return { files, edges, external };
}

/**
 * Every import circle: one shortest cycle through each strongly connected
 * group of files (Tarjan), as the files in import order, the first repeated
 * at the end. A file importing itself is a circle too.
 */
export function importCircles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  return stronglyConnected(edges)
    .filter((group) => group.length > 1 || edges.get(group[0]!)?.has(group[0]!))
    .map((group) => shortestCycle(edges, new Set(group), [...group].sort()[0]!));
}

function stronglyConnected(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      groups.push(group);
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return groups;
}

/** Breadth-first from `start` back to itself, inside `group`. */
function shortestCycle(edges: ReadonlyMap<string, ReadonlySet<string>>, group: ReadonlySet<string>, start: string): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of edges.get(v) ?? []) {
      if (!group.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]!)!);
        return [...path, start];
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  throw new Error(`${start} is in a strongly connected group but on no cycle`);
}

interface WorkspacePackage {
  name: string;
  dir: string;
  exports: Record<string, string>;
}

function workspacePackages(root: string): WorkspacePackage[] {
  return readdirSync(root)
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => {
      const json = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name?: string; exports?: Record<string, string> | string };
      const exports = typeof json.exports === 'string' ? { '.': json.exports } : (json.exports ?? {});
      return { name: json.name ?? '', dir, exports };
    })
    .filter((p) => p.name !== '');
}

/** `specifier` as imported from `from`, as a root-relative path; undefined for anything outside the workspace. */
function resolve(from: string, specifier: string, packages: readonly WorkspacePackage[]): string | undefined {
  if (specifier.startsWith('.')) return posix.normalize(posix.join(posix.dirname(from), specifier));
  const pkg = packages.find((p) => specifier === p.name || specifier.startsWith(`${p.name}/`));
  if (pkg === undefined) return undefined;
  const subpath = `.${specifier.slice(pkg.name.length)}`;
  for (const [key, target] of Object.entries(pkg.exports)) {
    const star = key.indexOf('*');
    const match = star < 0 ? (subpath === key ? '' : undefined) : subpath.startsWith(key.slice(0, star)) && subpath.endsWith(key.slice(star + 1)) ? subpath.slice(star, subpath.length - (key.length - star - 1)) : undefined;
    if (match !== undefined) return posix.normalize(posix.join(pkg.dir, target.replace('*', match)));
  }
  return undefined;
}

function walk(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return walk(root, relative(root, path));
    return SOURCE.test(name) ? [relative(root, path).split(sep).join('/')] : [];
  });
}

/** The workspace root, where pnpm-workspace.yaml is. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
