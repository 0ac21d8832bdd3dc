import { z } from 'zod';
import { componentRef, instant } from './fields.ts';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES } from './sets.ts';

/** An incident as the public sees it: its title, status, impact and updates; never who wrote them. */
export const publicIncidentUpdateSchema = z.object({
  id: z.number().int(),
  status: z.enum(INCIDENT_STATUSES),
  body: z.string(),
  createdAt: instant,
  affectedComponents: z.array(z.object({ code: z.string(), name: z.string(), oldStatus: z.string(), newStatus: z.string() })),
});
export type PublicIncidentUpdate = z.infer<typeof publicIncidentUpdateSchema>;

export const publicIncidentSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  impact: z.enum(INCIDENT_IMPACTS),
  createdAt: instant,
  updatedAt: instant,
  /** The earliest of its creation and the start of any outage linked to it. */
  startedAt: instant,
  monitoringAt: instant.nullable(),
  resolvedAt: instant.nullable(),
  components: z.array(componentRef),
  /** Newest first. */
  updates: z.array(publicIncidentUpdateSchema),
});
export type PublicIncident = z.infer<typeof publicIncidentSchema>;

/** GET /api/v1/public/incidents?page=N: newest first. */
export const incidentsPageSchema = z.object({
  incidents: z.array(publicIncidentSchema),
  page: z.number().int().min(1),
  pageCount: z.number().int().min(1),
  total: z.number().int().min(0),
});
export type IncidentsPage = z.infer<typeof incidentsPageSchema>;

/** GET /api/v1/public/incidents/:id */
export const incidentResponseSchema = z.object({ incident: publicIncidentSchema });
export type IncidentResponse = z.infer<typeof incidentResponseSchema>;
