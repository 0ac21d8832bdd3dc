// Issue #19: /api/openapi.json passes Redocly's recommended rules with no
// errors (an empty `servers` was one), and declares what clients meet besides
// 200: 404 of public items, 401 of /metrics, the operators' 4xx.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiSpecs } from '../daemon/src/server/api-specs.ts';
import { openApiDocument } from '../daemon/src/server/openapi.ts';
import { publicDocs } from '../daemon/src/server/public-docs.ts';

const REDOCLY = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');

describe('/api/openapi.json under Redocly (issue #19)', () => {
  const document = openApiDocument(apiSpecs, '1.0.0', publicDocs, 'http://127.0.0.1:8080');
  const dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has no errors under the recommended rules', () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    let out: string;
    try {
      out = execFileSync(process.execPath, [REDOCLY, 'lint', file, '--format=json'], { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      out = (error as { stdout: string }).stdout; // exits 1 on errors; the report is still on stdout
    }
    const report = JSON.parse(out) as { totals: { errors: number }; problems: Array<{ ruleId: string; severity: string; message: string }> };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('names a server, and declares 404 of public items, 401 of /metrics and the operators’ 4xx', () => {
    expect(document.servers).toEqual([{ url: 'http://127.0.0.1:8080' }]);
    const get = (path: string) => (document.paths[path] as any).get;
    expect(Object.keys(get('/api/v1/public/incidents/{id}').responses)).toContain('404');
    expect(Object.keys(get('/badge/{component}/status.svg').responses)).toEqual(expect.arrayContaining(['400', '404']));
    expect(Object.keys(get('/metrics').responses)).toContain('401');
    const create = (document.paths['/api/v1/incidents'] as any).post;
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '413', '429']));
    expect(create.responses['401'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    // The body the route returns, from the zod schema `reply` holds it to: a generated client sees `id`, not `never`.
    expect(create.responses['201'].content['application/json'].schema).toMatchObject({ type: 'object', required: expect.arrayContaining(['id', 'title', 'updates']) });
  });
});
