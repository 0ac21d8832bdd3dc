import { z } from 'zod';
import { COMPONENT_STATUSES, TIERS } from '../domain/sets.ts';

/** GET /api/v1/components: one component with its current status. */
export const publicComponentSchema = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string().nullable(),
  tier: z.enum(TIERS),
  description: z.string().nullable(),
  status: z.enum(COMPONENT_STATUSES),
});
export type PublicComponent = z.infer<typeof publicComponentSchema>;

export const componentsResponseSchema = z.object({ components: z.array(publicComponentSchema) });
export type ComponentsResponse = z.infer<typeof componentsResponseSchema>;
