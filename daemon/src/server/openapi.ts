import { z } from 'zod';
import { API_ERROR_CODES } from './api-error.ts';
import type { PublicRouteDoc } from './public-docs.ts';
import type { RouteSpec } from './route-spec.ts';

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', enum: [...API_ERROR_CODES] },
        message: { type: 'string' },
        details: { type: 'array', items: { type: 'string' }, description: 'One `path: problem` line per problem' },
      },
    },
  },
};

const errorBody = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input') => z.toJSONSchema(schema, { io, unrepresentable: 'any' });
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const pathParameters = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));

/** OpenAPI 3.1 from the same route specs the router registers (issue #4), and the public read side's list (public-docs.ts). */
export function openApiDocument(specs: readonly RouteSpec[], version: string, publicDocs: readonly PublicRouteDoc[] = [], serverUrl = '/') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const doc of publicDocs) {
    // A feed, a badge or the metrics are text of their own format: a string to a client (issue #19: no body undeclared).
    const content = doc.response ? { 'application/json': { schema: jsonSchema(doc.response, 'output') } } : { [doc.contentType ?? 'application/json']: { schema: { type: 'string' } } };
    const at = openApiPath(doc.path);
    paths[at] ??= {};
    paths[at]![doc.method ?? 'get'] = {
      summary: doc.summary,
      operationId: `${doc.method === 'post' ? 'post' : 'public'}${doc.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      tags: ['public'],
      security: [],
      parameters: [...pathParameters(doc.path), ...(doc.query ? queryParameters(doc.query) : [])],
      responses: {
        '200': { description: doc.answer ?? 'Served from a cache rendered at most once a second (ETag, Last-Modified, 304)', content },
        ...(doc.query ? { '400': errorBody('Invalid query: every problem named') } : {}),
        // Issue #19: what a client meets besides 200 is declared too.
        ...(doc.path.includes('/:') ? { '404': errorBody('No such item') } : {}),
        ...(doc.unauthorized ? { '401': errorBody(doc.unauthorized), '429': errorBody('Too many failed token authentications from this address (Retry-After)') } : {}),
        ...(doc.path === '/healthz' ? { '503': { description: 'Not healthy: the same body, naming what failed', content } } : {}),
      },
    };
  }
  for (const spec of specs) {
    const path = openApiPath(spec.path);
    const params = pathParameters(spec.path);
    const query = spec.query ? queryParameters(spec.query) : [];
    const errors = {
      '400': errorBody('Invalid input: every problem named'),
      ...(spec.role ? { '401': errorBody('No token, or an unknown or revoked one'), '403': errorBody(`Needs the ${spec.role} role (or the rule named in the message)`) } : {}),
      // Issue #19: only what the route can answer; a list without a path id has nothing to miss.
      ...(params.length > 0 ? { '404': errorBody('Not found') } : {}),
      ...(spec.conflict ? { '409': errorBody(spec.conflict) } : {}),
      ...(spec.unavailable ? { '503': errorBody(spec.unavailable) } : {}),
      '413': errorBody('Body larger than 1 MB'),
      '429': errorBody('Too many requests from this address (Retry-After)'),
    };
    const success = { description: 'Success', content: successContent(spec) };
    paths[path] ??= {};
    paths[path]![spec.method] = {
      summary: spec.summary,
      operationId: `${spec.cli[0]}.${spec.cli[1]}`,
      ...(spec.role ? { security: [{ bearer: [] }], 'x-required-role': spec.role } : { security: [] }),
      parameters: [...params, ...query],
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } } } : {}),
      responses: { [String(spec.status ?? 200)]: success, ...(spec.ok200 ? { '200': { ...success, description: spec.ok200 } } : {}), ...errors },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'SLA Ledger API', version, description: 'Public read API and the operators’ API. Writes need a bearer token (`pnpm sla token create`); every write is attributed to the token’s name and audited.' },
    // Redocly's no-empty-servers (issue #19): the daemon's public URL, or relative to the document.
    servers: [{ url: serverUrl }],
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: { Error: errorSchema } },
    paths,
  };
}

/**
 * The body `reply` holds the handler to is the schema's input (a default or a
 * transform is the handler's business, not the wire's), so that side is
 * published (issue #19).
 */
function successContent(spec: RouteSpec) {
  const other = Object.fromEntries((spec.alsoAs ?? []).map((type) => [type, { schema: { type: 'string' } }]));
  return { ...(spec.response ? { 'application/json': { schema: jsonSchema(spec.response) } } : {}), ...other };
}

function queryParameters(schema: z.ZodType) {
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: s }));
}
