import { createTestTemplates, testDatabaseKinds } from '../../daemon/src/db/testing.ts';

/**
 * Vitest globalSetup (issue #13): migrate one template per engine before any
 * test file runs; the workers inherit the environment naming them, and each
 * file's openTestDatabase copies one instead of running initdb and the
 * migrations again. daemon/src/db/migrate.test.ts still migrates from empty.
 * Each project that needs a database names this file; the first makes the
 * templates and throws them away at the end, the others find them made.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.SLA_TEST_TEMPLATES === 'made') return undefined;
  const templates = await createTestTemplates(testDatabaseKinds());
  Object.assign(process.env, templates.env, { SLA_TEST_TEMPLATES: 'made' });
  return templates.drop;
}
