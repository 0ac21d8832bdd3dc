import { z } from 'zod';
import { IMPACTS } from '../domain/sets.ts';
import { DAY_STATES } from '../uptime/uptime.ts';
import { publicComponentSchema } from './components.ts';
import { instant, localDate, ratio } from './fields.ts';
import { publicIncidentSchema } from './incidents.ts';
import { publicMaintenanceSchema } from './maintenance.ts';
import { uptimeSchema } from './overview.ts';

/** One local day of a component, measured by the uptime rule (shared/src/uptime). */
export const componentDaySchema = z.object({
  date: localDate,
  state: z.enum(DAY_STATES),
  uptime: ratio,
  observedMs: z.number().min(0),
  downMs: z.number().min(0),
  degradedMs: z.number().min(0),
  maintenanceMs: z.number().min(0),
  forceMajeureMs: z.number().min(0),
  unknownMs: z.number().min(0),
});
export type ComponentDay = z.infer<typeof componentDaySchema>;

/** GET /api/v1/public/components/:id?tz=ZONE */
export const componentPageSchema = z.object({
  generatedAt: instant,
  timeZone: z.string(),
  component: publicComponentSchema.extend({ uptime: uptimeSchema }),
  /** Oldest first; the last is today. */
  days: z.array(componentDaySchema),
  /** Outages of the last 90 days, newest first; the failure's kind but never its message (it can name internal hosts). */
  outages: z.array(z.object({ id: z.number().int(), impact: z.enum(IMPACTS), startedAt: instant, endedAt: instant.nullable(), firstFailure: z.string().nullable() })),
  incidents: z.array(publicIncidentSchema),
  maintenance: z.array(publicMaintenanceSchema),
});
export type ComponentPage = z.infer<typeof componentPageSchema>;
