import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { apiSpecs } from '../daemon/src/server/api-specs.ts';
import { createApp } from '../daemon/src/server/app.ts';
import type { ServerDeps } from '../daemon/src/server/deps.ts';
import { openApiDocument } from '../daemon/src/server/openapi.ts';
import { publicDocs } from '../daemon/src/server/public-docs.ts';

describe('GET /api/openapi.json (issue #4)', () => {
  const document = openApiDocument(apiSpecs, '1.0.0', publicDocs);

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(document) as any);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every route the app registers under /api/v1 that has a spec, with its role and body schema', () => {
    const app = createApp({} as ServerDeps);
    const registered = new Set(app.routes.map((r) => `${r.method} ${r.path}`));
    for (const spec of apiSpecs) expect(registered, `${spec.method} ${spec.path}`).toContain(`${spec.method.toUpperCase()} ${spec.path}`);
    const create = (document.paths['/api/v1/contracts'] as any).post;
    expect(create['x-required-role']).toBe('operator');
    expect(create.requestBody.content['application/json'].schema).toMatchObject({ type: 'object', additionalProperties: false, required: expect.arrayContaining(['id', 'customer', 'annualFeeVnd', 'components']) });
    expect((document.paths['/api/v1/force-majeure/{id}/approve'] as any).post.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
  });

  it('describes the public read side too, and every public GET the app registers is in it (issue #5)', () => {
    const app = createApp({} as ServerDeps);
    const gets = new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path));
    const documented = new Set([...publicDocs.map((d) => d.path), ...apiSpecs.filter((s) => s.method === 'get').map((s) => s.path), '/api/openapi.json']);
    for (const doc of publicDocs) expect(gets, doc.path).toContain(doc.path);
    for (const path of gets) expect(documented, `GET ${path} is registered but not in /api/openapi.json`).toContain(path);
    const summary = (document.paths['/api/v2/summary.json'] as any).get;
    expect(summary.security).toEqual([]);
    expect(summary.responses['200'].content['application/json'].schema.required).toEqual(['page', 'status', 'components', 'incidents', 'scheduled_maintenances']);
    expect((document.paths['/api/v1/public/overview'] as any).get.parameters).toMatchObject([{ name: 'tz', in: 'query', required: false }]);
    expect((document.paths['/history.atom'] as any).get.responses['200'].content).toHaveProperty(['application/atom+xml']);
  });
});
