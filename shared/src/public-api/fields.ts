import { z } from 'zod';

// Field types shared by the public API's response schemas (issue #5).

/** An instant as the API writes it: `Date.toISOString()`, always UTC. */
export const instant = z.iso.datetime();
export const localDate = z.iso.date();
/** Uptime as a ratio in [0, 1]; null when nothing was observed. */
export const ratio = z.number().min(0).max(1).nullable();
export const componentRef = z.object({ id: z.string(), name: z.string() });
export type ComponentRef = z.infer<typeof componentRef>;
