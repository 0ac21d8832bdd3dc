import { z } from 'zod';
import { MAINTENANCE_KINDS } from '../domain/sets.ts';
import { VIOLATIONS } from '../engine/maintenance-rules.ts';
import { componentRef, instant } from './fields.ts';
import { MAINTENANCE_PHASES } from './sets.ts';

const NOTICE_CHANNELS = ['status_page', 'email', 'in_app'] as const;

/** A maintenance window as the public sees it: kind, window, and when its notices went out (SLA §C.1). */
export const publicMaintenanceSchema = z.object({
  id: z.number().int(),
  /** Issue #16: for an occurrence of a recurring window, its local date (the window's id is shared by all of them). */
  occurrence: z.string().optional(),
  kind: z.enum(MAINTENANCE_KINDS),
  title: z.string(),
  description: z.string(),
  startsAt: instant,
  endsAt: instant,
  phase: z.enum(MAINTENANCE_PHASES),
  cancelledAt: instant.nullable(),
  components: z.array(componentRef),
  /** Oldest first. */
  notices: z.array(z.object({ sentAt: instant, channel: z.enum(NOTICE_CHANNELS) })),
  /**
   * SLA §C.1 (docs/contract.md §3.1): whether the window met its kind's notice and
   * hours in the policy's time zone. Only a valid window's time is left out of
   * uptime; downtime in an invalid one counts as an ordinary outage.
   */
  valid: z.boolean(),
  violations: z.array(z.enum(VIOLATIONS)),
});
export type PublicMaintenance = z.infer<typeof publicMaintenanceSchema>;

/** GET /api/v1/public/maintenance?page=N: active and upcoming in full, past (completed or cancelled) paged, newest first. */
export const maintenanceResponseSchema = z.object({
  active: z.array(publicMaintenanceSchema),
  upcoming: z.array(publicMaintenanceSchema),
  past: z.array(publicMaintenanceSchema),
  page: z.number().int().min(1),
  pageCount: z.number().int().min(1),
});
export type MaintenanceResponse = z.infer<typeof maintenanceResponseSchema>;
