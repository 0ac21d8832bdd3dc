// The Node/V8 flags and environment the daemon runs with. package.json's
// `start` and `daemon` scripts spell them out (node-flags.test.ts keeps them
// equal to these lists), and the probes bench and the tests' daemon process
// pass the same, so what is measured is what ships (issue #7: RSS < 300 MB at
// 20,000 monitors).
export const DAEMON_NODE_FLAGS = [
  // A young generation of 2 × 8 MB instead of V8's 2 × 32 MB on this kind of
  // machine: 48 MB less RSS. Probe objects die within a few ms once the
  // daemon keeps up, so the smaller nursery costs little CPU.
  '--max-semi-space-size=8',
  // After each full GC the old generation may grow by half of what is live
  // before the next, instead of up to 4×: at 20,000 monitors V8 otherwise let
  // ~100 MB of live heap grow to 400 MB of mostly garbage before collecting.
  '--heap-growing-percent=50',
  // A thread's heap goes back to the system when the thread ends (the config
  // is parsed in one, config/load.ts); by default V8 hands it to the main
  // thread's page pool, which kept ~200 MB of a 20,000-monitor parse for good.
  '--no-memory-pool-share-memory-on-teardown',
] as const;

/**
 * Environment the daemon starts with, for what is not a Node flag; package.json
 * puts it before `node`, the probes bench and the tests' daemon process pass it.
 */
export const DAEMON_ENV = {
  // glibc gives each thread that allocates (V8's GC and compiler helpers,
  // libuv's pool, the config thread) an arena of its own, and an arena keeps
  // its peak: 33 MB of RSS in 25 arenas at 20,000 monitors. Two arenas: 11 MB,
  // 242 MB RSS instead of 263 MB at the same probe rate (issue #7).
  MALLOC_ARENA_MAX: '2',
} as const;

/** `NAME=value … node <flags>`, as package.json's scripts start the daemon. */
export const DAEMON_COMMAND = `${Object.entries(DAEMON_ENV)
  .map(([name, value]) => `${name}=${value}`)
  .join(' ')} node ${DAEMON_NODE_FLAGS.join(' ')}`;
