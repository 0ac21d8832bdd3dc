import { z } from 'zod';
import { occurrenceDuration, rruleText } from '../case-file/recurrence.ts';
import { MAINTENANCE_KINDS } from '../domain/sets.ts';
import { id, instant, timeZone } from './fields.ts';

// Issue #16: maintenance windows the config seeds (the demo's nightly backup),
// as contracts are seeded: once, by id; the database is the record after, and
// operators change it through the API. A recurring window follows the case
// file's rules (docs/case-file.md `recurrence`): an end or a recurrence.

const recurrence = z.strictObject({ rrule: rruleText, timeZone: timeZone.default('Asia/Ho_Chi_Minh'), duration: occurrenceDuration });

export const maintenanceSeedSchema = z
  .strictObject({
    id,
    kind: z.enum(MAINTENANCE_KINDS),
    /** Public: shown on the status page. */
    title: z.string().min(1),
    description: z.string().default(''),
    components: z.array(id).min(1),
    startsAt: instant,
    endsAt: instant.optional(),
    recurrence: recurrence.optional(),
  })
  .superRefine((w, ctx) => {
    if ((w.endsAt === undefined) === (w.recurrence === undefined)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: w.endsAt === undefined ? 'required, unless the window has a recurrence' : 'not with a recurrence: each occurrence ends its duration after its start' });
  });
