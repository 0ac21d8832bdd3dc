import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { apiSpecs } from '../daemon/src/server/api-specs.ts';
import { createApp } from '../daemon/src/server/app.ts';
import type { ServerDeps } from '../daemon/src/server/deps.ts';
import { openApiDocument } from '../daemon/src/server/openapi.ts';

describe('GET /api/openapi.json (issue #4)', () => {
  const document = openApiDocument(apiSpecs, '1.0.0');

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
});
