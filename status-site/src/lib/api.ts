// The one client through which pages read the daemon's public API. It throws
// ApiError on anything but a 2xx response with the expected shape, so a page
// either has typed data or a single error to handle.
import { COMPONENT_STATUSES, TIERS, type ComponentStatus, type Tier } from '@sla/shared/domain/sets.ts';
import type { ApiFetch } from './locals.ts';

// Response types of GET /api/v1/*; a later change moves them to shared/ so the
// daemon's routes and this client share one schema.
export interface PublicComponent {
  id: string;
  name: string;
  group: string | null;
  tier: Tier;
  description: string | null;
  status: ComponentStatus;
}

export interface ComponentsResponse {
  components: PublicComponent[];
}

export const API_ERROR_CODES = ['unreachable', 'bad_status', 'bad_body'] as const;
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
  async function getJson(path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await apiFetch(path);
    } catch (cause) {
      throw new ApiError('unreachable', path, 'request failed', { cause });
    }
    if (!response.ok) {
      throw new ApiError('bad_status', path, `HTTP ${response.status}`);
    }
    try {
      return await response.json();
    } catch (cause) {
      throw new ApiError('bad_body', path, 'body is not JSON', { cause });
    }
  }

  return {
    async components(): Promise<ComponentsResponse> {
      const path = '/api/v1/components';
      const body = await getJson(path);
      if (!isComponentsResponse(body)) {
        throw new ApiError('bad_body', path, 'body is not a components response');
      }
      return body;
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

function isComponentsResponse(value: unknown): value is ComponentsResponse {
  return isRecord(value) && Array.isArray(value.components) && value.components.every(isPublicComponent);
}

function isPublicComponent(value: unknown): value is PublicComponent {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    isStringOrNull(value.group) &&
    isStringOrNull(value.description) &&
    isOneOf(TIERS, value.tier) &&
    isOneOf(COMPONENT_STATUSES, value.status)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isStringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

function isOneOf<T extends string>(set: readonly T[], value: unknown): value is T {
  return (set as readonly unknown[]).includes(value);
}
