import { formatPath } from '@sla/shared';
import type { z } from 'zod';
import { ApiError } from './api-error.ts';

/** Parses request input at the edge: 400 with every problem as `path: message`, or the typed value. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => `${formatPath([...i.path, k].filter((p) => typeof p !== 'symbol') as Array<string | number>)}: unknown ${what === 'query' ? 'parameter' : 'field'}`)
      : [`${formatPath(i.path.filter((p) => typeof p !== 'symbol') as Array<string | number>)}: ${i.message}`],
  );
  throw new ApiError('bad_request', `invalid ${what}`, details);
}
