import { z } from 'zod';
import { DAY_STATES, UPTIME_WINDOWS, type DayState } from '../uptime/uptime.ts';
import { publicComponentSchema } from './components.ts';
import { instant, localDate, ratio } from './fields.ts';
import { publicForceMajeureSchema } from './force-majeure.ts';
import { publicIncidentSchema } from './incidents.ts';
import { publicMaintenanceSchema } from './maintenance.ts';

/** Uptime over the rolling windows ending now (shared/src/uptime). */
export const uptimeSchema = z.object(Object.fromEntries(UPTIME_WINDOWS.map((w) => [w, ratio])) as Record<(typeof UPTIME_WINDOWS)[number], typeof ratio>);
export type Uptime = z.infer<typeof uptimeSchema>;

// 200 components × 90 days are checked on every front-page render: one pass
// per array with a plain predicate costs a tenth of an element schema each.
const DAY_STATE_SET: ReadonlySet<unknown> = new Set(DAY_STATES);
const dayStates = z.custom<DayState[]>((v) => Array.isArray(v) && v.every((x) => DAY_STATE_SET.has(x)), `must be a list of ${DAY_STATES.join(' | ')}`);
const dayRatios = z.custom<Array<number | null>>(
  (v) => Array.isArray(v) && v.every((x) => x === null || (typeof x === 'number' && x >= 0 && x <= 1)),
  'must be a list of ratios in [0, 1] or null',
);

export const overviewComponentSchema = publicComponentSchema.extend({
  uptime: uptimeSchema,
  /** One entry per day of the response's `days`, in the same order (columns, to keep 200 × 90 days small). */
  bar: z.object({ states: dayStates, uptime: dayRatios }),
});
export type OverviewComponent = z.infer<typeof overviewComponentSchema>;

/** GET /api/v1/public/overview?tz=ZONE: everything the status page's front page shows. */
export const overviewResponseSchema = z.object({
  generatedAt: instant,
  timeZone: z.string(),
  /** The local days of the bars in `timeZone`, oldest first; the last is today. */
  days: z.array(localDate),
  components: z.array(overviewComponentSchema),
  /** Unresolved incidents, newest first. */
  incidents: z.array(publicIncidentSchema),
  maintenance: z.object({ active: z.array(publicMaintenanceSchema), upcoming: z.array(publicMaintenanceSchema) }),
  /** Effective force majeure that is in force now or ended within the last 7 days. */
  forceMajeure: z.array(publicForceMajeureSchema),
});
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;
