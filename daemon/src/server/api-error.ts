import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const API_ERROR_CODES = ['bad_request', 'not_found', 'unauthorized', 'forbidden', 'conflict', 'payload_too_large', 'too_many_requests', 'unavailable', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

const STATUS: Record<ApiErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};

/** Our own refusals, with a closed code and a reason a person can act on; one onError turns them into JSON. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details: string[];
  constructor(code: ApiErrorCode, message: string, details: string[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

export function errorResponse(c: Context, error: unknown, log: (message: string, error: unknown) => void) {
  if (error instanceof ApiError) return c.json({ error: { code: error.code, message: error.message, details: error.details } }, STATUS[error.code]);
  log(`unhandled error on ${c.req.method} ${c.req.path}`, error);
  return c.json({ error: { code: 'internal', message: 'internal error', details: [] } }, 500);
}
