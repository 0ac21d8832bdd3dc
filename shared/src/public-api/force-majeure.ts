import { z } from 'zod';
import { FORCE_MAJEURE_CATEGORIES } from '../domain/sets.ts';
import { componentRef, instant } from './fields.ts';

/**
 * An effective force-majeure event (terms §11): approved and not withdrawn.
 * Only its public description: never its evidence or who declared or approved it.
 */
export const publicForceMajeureSchema = z.object({
  id: z.number().int(),
  category: z.enum(FORCE_MAJEURE_CATEGORIES),
  description: z.string(),
  startsAt: instant,
  endsAt: instant,
  /** null: every component. */
  components: z.array(componentRef).nullable(),
});
export type PublicForceMajeure = z.infer<typeof publicForceMajeureSchema>;

/** GET /api/v1/public/force-majeure: newest first. */
export const forceMajeureResponseSchema = z.object({ notices: z.array(publicForceMajeureSchema) });
export type ForceMajeureResponse = z.infer<typeof forceMajeureResponseSchema>;
