/**
 * A dependency only some paths use (Vietnamese holidays for ticket clocks,
 * badges, TLS probes, the feeds), loaded the first time one runs instead of
 * at every start of every process that imports it (issue #13: a daemon's start
 * read 1,177 modules, ~5 MB of them for paths a start never takes).
 * Synchronous, so the callers stay as they are: `require` of a CommonJS
 * package, or of an ES module without top-level await (Node ≥ 22), which
 * shares the instance an `import` of the same file would get.
 * `from` is the importing file's `import.meta.url`: packages resolve from
 * there, as its own `import` would.
 */
export function lazyModule<T>(specifier: string, from: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= process.getBuiltinModule('node:module').createRequire(from)(specifier) as T;
    return loaded;
  };
}
