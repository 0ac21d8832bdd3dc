import { isTimeZone } from '@sla/shared/uptime/index.ts';
import { z } from 'zod';
import { POLICY_TIME_ZONE } from './read-model.ts';

/** `?tz=`: any IANA zone; the days of the 90-day bars are local days there. */
export const timeZoneQuery = z.strictObject({
  tz: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Ho_Chi_Minh').default(POLICY_TIME_ZONE),
});

export const PAGE_SIZE = 20;

/** `?page=`: 1-based. */
export const pageQuery = z.strictObject({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}
