import { z } from 'zod';
import { COMPONENT_STATUSES } from '../domain/sets.ts';
import { instant, localDate } from './fields.ts';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES, STATUS_INDICATORS } from './sets.ts';

// Atlassian Statuspage v2's public JSON (/api/v2/*.json), field for field, so
// tools that read Statuspage read us. Strict objects: a field Statuspage does
// not have is an error, not a surprise for a client.

export const statuspagePageSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  url: z.url(),
  time_zone: z.string(),
  updated_at: instant,
});

export const statuspageStatusSchema = z.strictObject({
  indicator: z.enum(STATUS_INDICATORS),
  description: z.string(),
});

const componentFields = {
  id: z.string(),
  name: z.string(),
  status: z.enum(COMPONENT_STATUSES),
  created_at: instant,
  updated_at: instant,
  position: z.number().int().min(1),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: localDate.nullable(),
  group_id: z.string().nullable(),
  page_id: z.string(),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
};

/** A component, or a group (`group: true`) with its children's ids in `components`; only groups have that field. */
export const statuspageComponentSchema = z.union([
  z.strictObject({ ...componentFields, group: z.literal(false) }),
  z.strictObject({ ...componentFields, group: z.literal(true), group_id: z.null(), components: z.array(z.string()) }),
]);
export type StatuspageComponent = z.infer<typeof statuspageComponentSchema>;

export const statuspageAffectedComponentSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  old_status: z.string(),
  new_status: z.string(),
});

function updateSchema<S extends z.ZodType>(status: S) {
  return z.strictObject({
    id: z.string(),
    incident_id: z.string(),
    status,
    body: z.string(),
    created_at: instant,
    updated_at: instant,
    display_at: instant,
    affected_components: z.array(statuspageAffectedComponentSchema),
  });
}

const incidentFields = {
  id: z.string(),
  name: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  created_at: instant,
  updated_at: instant,
  monitoring_at: instant.nullable(),
  resolved_at: instant.nullable(),
  impact: z.enum(INCIDENT_IMPACTS),
  shortlink: z.url(),
  started_at: instant,
  page_id: z.string(),
  incident_updates: z.array(updateSchema(z.enum(INCIDENT_STATUSES))),
  components: z.array(statuspageComponentSchema),
};

export const statuspageIncidentSchema = z.strictObject(incidentFields);
export type StatuspageIncident = z.infer<typeof statuspageIncidentSchema>;

export const statuspageMaintenanceSchema = z.strictObject({
  ...incidentFields,
  status: z.enum(MAINTENANCE_STATUSES),
  impact: z.literal('maintenance'),
  incident_updates: z.array(updateSchema(z.enum(MAINTENANCE_STATUSES))),
  scheduled_for: instant,
  scheduled_until: instant,
});
export type StatuspageMaintenance = z.infer<typeof statuspageMaintenanceSchema>;

const page = statuspagePageSchema;

/** The 8 public endpoints, each with its body's schema. */
export const STATUSPAGE_ENDPOINTS = {
  '/api/v2/summary.json': z.strictObject({
    page,
    status: statuspageStatusSchema,
    components: z.array(statuspageComponentSchema),
    incidents: z.array(statuspageIncidentSchema),
    scheduled_maintenances: z.array(statuspageMaintenanceSchema),
  }),
  '/api/v2/status.json': z.strictObject({ page, status: statuspageStatusSchema }),
  '/api/v2/components.json': z.strictObject({ page, components: z.array(statuspageComponentSchema) }),
  '/api/v2/incidents.json': z.strictObject({ page, incidents: z.array(statuspageIncidentSchema) }),
  '/api/v2/incidents/unresolved.json': z.strictObject({ page, incidents: z.array(statuspageIncidentSchema) }),
  '/api/v2/scheduled-maintenances.json': z.strictObject({ page, scheduled_maintenances: z.array(statuspageMaintenanceSchema) }),
  '/api/v2/scheduled-maintenances/upcoming.json': z.strictObject({ page, scheduled_maintenances: z.array(statuspageMaintenanceSchema) }),
  '/api/v2/scheduled-maintenances/active.json': z.strictObject({ page, scheduled_maintenances: z.array(statuspageMaintenanceSchema) }),
} as const;
export type StatuspagePath = keyof typeof STATUSPAGE_ENDPOINTS;
export type StatuspageBody<P extends StatuspagePath> = z.infer<(typeof STATUSPAGE_ENDPOINTS)[P]>;
