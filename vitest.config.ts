import { globSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

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

export default defineConfig({
  test: {
    // Database tests start PGlite (2–3 s each) and real sockets: generous, not flaky.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      // unit and database files leave no state behind (each closes what it opens), so they share
      // worker processes: a fresh process and module graph per file cost more than most of them take.
      { extends: true, test: { name: 'unit', include: [SOURCES], exclude: [...EXCLUDE, ...databaseFiles], isolate: false } },
      { extends: true, test: { name: 'database', include: databaseFiles, globalSetup, isolate: false } },
      { extends: true, test: { name: 'end-to-end', include: ['test/**/*.test.ts'], exclude: [...EXCLUDE, BROWSER], globalSetup } },
      { extends: true, test: { name: 'browser', include: [BROWSER], globalSetup } },
    ],
  },
});
