import type { App } from '../app-type.ts';
import { apiSpecs } from '../api-specs.ts';
import type { ServerDeps } from '../deps.ts';
import { openApiDocument } from '../openapi.ts';
import { publicDocs } from '../public-docs.ts';

/** GET /api/openapi.json: the API described from the very specs it runs on. */
export function openApiRoute(app: App, deps: ServerDeps): void {
  const version = process.env.npm_package_version ?? '0.0.0';
  // `servers` names the public URL, which a reload may change (issue #19).
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(apiSpecs, version, publicDocs, deps.publicUrl())));
}
