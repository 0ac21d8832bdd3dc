import { formatPath, toPathProblems } from '@sla/shared';
import type { z } from 'zod';
import { ApiError } from './api-error.ts';

/**
 * Parses request input at the edge: 400 with every problem as `path: message`
 * (in the same words as config errors), or the typed value.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: 'body' | 'query'): z.output<T> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.flatMap(toPathProblems).map((p) => `${formatPath(p.path) || what}: ${p.message}`);
  throw new ApiError('bad_request', `invalid ${what}`, details);
}
