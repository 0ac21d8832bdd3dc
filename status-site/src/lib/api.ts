// The one client through which pages read the daemon's public API. It throws
// ApiError on anything but a 2xx response whose body matches the response
// schema in shared/src/public-api, so a page either has typed data or a
// single error to handle.
import {
  componentPageSchema,
  forceMajeureResponseSchema,
  incidentResponseSchema,
  incidentsPageSchema,
  maintenanceResponseSchema,
  overviewResponseSchema,
} from '@sla/shared/public-api/index.ts';
import type { z } from 'zod';
import type { ApiFetch } from '@sla/shared/status/locals.ts';

export const API_ERROR_CODES = ['unreachable', 'not_found', 'bad_status', 'bad_body'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly path: string;

  constructor(code: ApiErrorCode, path: string, message: string, options?: ErrorOptions) {
    super(`${path}: ${message}`, options);
    this.code = code;
    this.path = path;
  }
}

export function createApiClient(apiFetch: ApiFetch) {
  async function get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await apiFetch(path);
    } catch (cause) {
      throw new ApiError('unreachable', path, 'request failed', { cause });
    }
    if (response.status === 404) throw new ApiError('not_found', path, 'HTTP 404');
    if (!response.ok) throw new ApiError('bad_status', path, `HTTP ${response.status}`);
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw new ApiError('bad_body', path, 'body is not JSON', { cause });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ApiError('bad_body', path, `unexpected body: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  }
  const q = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

  return {
    overview: (timeZone: string) => get(`/api/v1/public/overview?${q({ tz: timeZone })}`, overviewResponseSchema),
    component: (id: string, timeZone: string) => get(`/api/v1/public/components/${encodeURIComponent(id)}?${q({ tz: timeZone })}`, componentPageSchema),
    incidents: (page: number) => get(`/api/v1/public/incidents?${q({ page })}`, incidentsPageSchema),
    incident: (id: string) => get(`/api/v1/public/incidents/${encodeURIComponent(id)}`, incidentResponseSchema),
    maintenance: (page: number) => get(`/api/v1/public/maintenance?${q({ page })}`, maintenanceResponseSchema),
    forceMajeure: () => get('/api/v1/public/force-majeure', forceMajeureResponseSchema),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
