import { z } from 'zod';
import { DAY_STATES, UPTIME_WINDOWS } from '../uptime/uptime.ts';
import { publicComponentSchema } from './components.ts';
import { instant, localDate, ratio } from './fields.ts';
import { publicForceMajeureSchema } from './force-majeure.ts';
import { publicIncidentSchema } from './incidents.ts';
import { publicMaintenanceSchema } from './maintenance.ts';

/** Uptime over the rolling windows ending now (shared/src/uptime). */
export const uptimeSchema = z.object(Object.fromEntries(UPTIME_WINDOWS.map((w) => [w, ratio])) as Record<(typeof UPTIME_WINDOWS)[number], typeof ratio>);
export type Uptime = z.infer<typeof uptimeSchema>;

export const overviewComponentSchema = publicComponentSchema.extend({
  uptime: uptimeSchema,
  /** One entry per day of the response's `days`, in the same order (columns, to keep 200 × 90 days small). */
  bar: z.object({ states: z.array(z.enum(DAY_STATES)), uptime: z.array(ratio) }),
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
