import { globSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/support/longest-first.ts';

// Issue #13: four kinds of test, each a vitest project, so one kind runs alone
// (`vitest run --project unit`); `vitest run` runs them all.
//   unit         no database, no daemon: shared/, status-site/, most of daemon/
//   database     daemon/ files that open a test database (detected below, so a new one is never missed)
//   end-to-end   test/: the daemon in-process or as a process, over loopback sockets
//   browser      test/browser-*: the status page and widget in chromium
const SOURCES = '{shared,daemon,status-site}/**/*.test.ts';
const BROWSER = 'test/**/browser-*.test.ts';
const EXCLUDE = ['**/node_modules/**', '**/dist/**'];
const OPENS_A_DATABASE = /\b(openTestDatabase|openEmptyTestDatabase|createScratchDatabase|openDatabase)\b/;
const databaseFiles = globSync(SOURCES, { exclude: EXCLUDE }).filter((file) => OPENS_A_DATABASE.test(readFileSync(file, 'utf8')));
// The template databases every database test copies (test/support/global-setup.ts).
const globalSetup = ['test/support/global-setup.ts'];

// Issue #13: the suite starts ~150 daemon and CLI processes; Node's compile cache keeps their modules'
// compiled code between starts (a daemon's start on PGlite: 2.0 → 1.7 s). Set here, every worker and
// every process a test spawns inherits it; a cache left by another Node version is ignored by Node.
process.env.NODE_COMPILE_CACHE ??= fileURLToPath(new URL('node_modules/.cache/node-compile-cache', import.meta.url));

export default defineConfig({
  test: {
    // Database tests start PGlite (2–3 s each) and real sockets: generous, not flaky.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Every file closes what it opens and no test changes process-wide state, so files share
    // worker processes: a fresh process and module graph per file (the daemon's, vitest's)
    // cost ~45 s of CPU on end-to-end alone, more than most files take (issue #13).
    isolate: false,
    // One file more than cores (vitest's default is one fewer: a single worker on the 2-core CI
    // machine, 6.5 minutes): end-to-end files spend much of their time waiting on daemons they
    // started and on sockets. The longest files start first, whatever their project.
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: 'unit', include: [SOURCES], exclude: [...EXCLUDE, ...databaseFiles] } },
      { extends: true, test: { name: 'database', include: databaseFiles, globalSetup } },
      { extends: true, test: { name: 'end-to-end', include: ['test/**/*.test.ts'], exclude: [...EXCLUDE, BROWSER], globalSetup } },
      { extends: true, test: { name: 'browser', include: [BROWSER], globalSetup } },
    ],
  },
});
