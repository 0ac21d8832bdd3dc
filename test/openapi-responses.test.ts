// Issue #19: every route the app registers says in /api/openapi.json what it
// answers — a schema for each success body and for each declared error — so a
// client generated from the document never meets `never`.
import { describe, expect, it } from 'vitest';
import { apiSpecs } from '../daemon/src/server/api-specs.ts';
import { createApp } from '../daemon/src/server/app.ts';
import type { ServerDeps } from '../daemon/src/server/deps.ts';
import { openApiDocument } from '../daemon/src/server/openapi.ts';
import { publicDocs } from '../daemon/src/server/public-docs.ts';
import type { RouteSpec } from '../daemon/src/server/route-spec.ts';
import { incidentSpecs } from '../daemon/src/server/routes/incidents.ts';

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> };
type Document = ReturnType<typeof openApiDocument>;

/** `METHOD /path: problem` for every registered route the document leaves without a body schema. */
function undeclared(routes: ReadonlyArray<{ method: string; path: string }>, document: Document): string[] {
  const problems: string[] = [];
  for (const { method, path } of routes) {
    const at = path.replace(/:(\w+)/g, '{$1}');
    const operation = (document.paths[at] as Record<string, Operation> | undefined)?.[method.toLowerCase()];
    if (operation?.responses === undefined) {
      problems.push(`${method} ${path}: not in the document`);
      continue;
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      const contents = Object.entries(response.content ?? {});
      if (contents.length === 0) problems.push(`${method} ${path} ${status}: no body declared`);
      for (const [type, { schema }] of contents) if (schema === undefined || Object.keys(schema).length === 0) problems.push(`${method} ${path} ${status} ${type}: no schema`);
    }
  }
  return problems;
}

// Middleware (use) registers as ALL, and a route with a role check once per handler; the document does not describe itself.
const routesOf = (app: ReturnType<typeof createApp>) =>
  [...new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path !== '/api/openapi.json').map((r) => `${r.method} ${r.path}`))].map((key) => {
    const [method, path] = key.split(' ') as [string, string];
    return { method, path };
  });

describe('response schemas of every registered route (issue #19)', () => {
  const app = createApp({} as ServerDeps);
  const document = openApiDocument(apiSpecs, '1.0.0', publicDocs);

  it('walks the route registry: each route has a schema for each response it declares', () => {
    const routes = routesOf(app);
    expect(routes.length).toBeGreaterThan(55);
    expect(undeclared(routes, document)).toEqual([]);
  });

  it('every operators’ spec declares its success body as a zod schema', () => {
    expect(apiSpecs.filter((s) => s.response === undefined).map((s) => `${s.method} ${s.path}`)).toEqual([]);
  });

  it('catches a route without one', () => {
    const bare: RouteSpec = { method: 'get', path: '/api/v1/bare/:id', role: 'viewer', summary: 'no response', cli: ['bare', 'show'] };
    const typed: RouteSpec = { ...incidentSpecs.show, path: '/api/v1/typed' };
    const partial = openApiDocument([bare, typed], '1.0.0');
    expect(undeclared([{ method: 'GET', path: '/api/v1/bare/:id' }, { method: 'GET', path: '/api/v1/typed' }, { method: 'POST', path: '/api/v1/typed' }], partial)).toEqual([
      'GET /api/v1/bare/:id 200: no body declared',
      'POST /api/v1/typed: not in the document',
    ]);
  });

  it('declares 409 where a route refuses a conflict, and 200 beside 201 for a retried renewal key', () => {
    const post = (path: string) => (document.paths[path] as any).post;
    expect(Object.keys(post('/api/v1/ledger/{id}/approve').responses)).toEqual(expect.arrayContaining(['200', '404', '409']));
    expect(Object.keys(post('/api/v1/contracts/{id}/renewals').responses)).toEqual(expect.arrayContaining(['200', '201', '409']));
    // A list has no path id to miss.
    expect(Object.keys((document.paths['/api/v1/contracts'] as any).get.responses)).not.toContain('404');
    const statement = (document.paths['/api/v1/contracts/{id}/statement'] as any).get.responses;
    expect(Object.keys(statement['200'].content)).toEqual(['application/json', 'text/csv', 'text/html', 'application/pdf']);
    // Issue #16: a PDF needs Chromium on the daemon's PATH; without it, 503 with the reason.
    expect(Object.keys(statement)).toContain('503');
  });
});
