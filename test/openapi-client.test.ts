// Issue #19: a TypeScript client generated with openapi-typescript from the
// /api/openapi.json a daemon serves compiles under `tsc --strict`: every
// operation's every declared body is a real type (not `never`, not `unknown`),
// and a small client (test/openapi-client/tour.ts) reads fields off them —
// where money is a string and error codes a closed set, a wrong use must fail.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDaemon } from './support/in-process-daemon.ts';

const here = dirname(fileURLToPath(import.meta.url));
// openapi-typescript needs TypeScript 5's JS API (test/package.json); the project compiles with TypeScript 7.
const compilers = {
  'TypeScript 5': createRequire(import.meta.url).resolve('typescript/package.json'),
  'TypeScript 7 (the project’s)': createRequire(join(here, '..', 'package.json')).resolve('typescript/package.json'),
};

type Doc = { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };

/** One type assertion per operation and declared response: its body is neither `never` nor `unknown`. */
function everyBody(document: Doc): string {
  const lines = [
    "import type { paths } from './api';",
    'type Content<R> = R extends { content: infer C } ? C[keyof C] : never;',
    'type Real<T> = [T] extends [never] ? false : unknown extends T ? false : true;',
    'type Holds<T extends true> = T;',
  ];
  let n = 0;
  for (const [path, item] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(item))
      // A response without a declared body is `never` here, as it was for a client before (issue #19).
      for (const status of Object.keys(operation.responses ?? {}))
        lines.push(`export type B${n++} = Holds<Real<Content<paths[${JSON.stringify(path)}][${JSON.stringify(method)}]['responses'][${status}]>>>;`);
  return `${lines.join('\n')}\n`;
}

describe('a client generated from the served OpenAPI document (issue #19)', () => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let document: Doc;
  const dir = mkdtempSync(join(tmpdir(), 'openapi-client-'));
  beforeAll(async () => {
    t = await startTestDaemon('pglite', 'components:\n  - { id: app, name: App, tier: core }\n');
    document = (await (await fetch(`${t.daemon.url}/api/openapi.json`)).json()) as Doc;
    writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(document as never)));
    writeFileSync(join(dir, 'bodies.ts'), everyBody(document));
    copyFileSync(join(here, 'openapi-client', 'tour.ts'), join(dir, 'tour.ts'));
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const tsc = (pkg: string, files: string[]) => {
    const bin = join(dirname(pkg), 'bin', 'tsc');
    const flags = ['--strict', '--noEmit', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,dom'];
    try {
      execFileSync(process.execPath, [bin, ...flags, ...files.map((f) => join(dir, f))], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return '';
    } catch (error) {
      return (error as { stdout: string }).stdout;
    }
  };

  it.each(Object.entries(compilers))('compiles under %s --strict, every operation typed', (_, pkg) => {
    expect(Object.keys(document.paths).length).toBeGreaterThan(40);
    expect(tsc(pkg, ['api.ts', 'bodies.ts', 'tour.ts'])).toBe('');
  });

  it('fails to compile a client that reads a field the document does not have', () => {
    writeFileSync(join(dir, 'wrong.ts'), "import type { operations } from './api';\ntype C = operations['contracts.show']['responses'][200]['content']['application/json'];\nexport const fee = (c: C): number => c.annualFee;\n");
    expect(tsc(compilers['TypeScript 5'], ['api.ts', 'wrong.ts'])).toContain("Property 'annualFee' does not exist");
  });
});
