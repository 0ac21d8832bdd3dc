import { MAINTENANCE_KINDS, MAINTENANCE_RULES, NOTICE_PROVENANCES, VIOLATIONS, type MaintenanceKind } from '@sla/shared';
import { calendarDate } from '@sla/shared/case-file/fields.ts';
import { occurrenceDuration, rruleText } from '@sla/shared/case-file/recurrence.ts';
import { earliestNoticedStart } from '@sla/shared/engine/notice-deadline.ts';
import { occurrenceEnd, occursOn } from '@sla/shared/engine/recurrence.ts';
import { z } from 'zod';
import type { App } from '../app-type.ts';
import { windowVerdicts } from '../../ledger/window-verdicts.ts';
import { announceWindow } from '../../outbox/maintenance-notices.ts';
import { cancelWindowMessages } from '../../outbox/window-cancellation.ts';
import { addNotice, cancelWindow, createWindow, getWindow, skipDate, type WindowView } from '../../maintenance/maintenance.repository.ts';
import { NOTICE_CHANNELS } from '../../maintenance/maintenance.table.ts';
import { publicWindowJudge } from '../../public/public-verdict.ts';
import { POLICY_TIME_ZONE } from '../../public/read-model.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { freeText, instant, intParam, refId, timeZone, title } from '../fields.ts';
import { checkComponents } from '../references.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';

// Issue #16 (docs/contract.md §3.1): the case file's own rules for a window's recurrence, so both say the same thing.
const recurrence = z.strictObject({ rrule: rruleText, timeZone, duration: occurrenceDuration });
const create = z
  .strictObject({
    kind: z.enum(MAINTENANCE_KINDS),
    title,
    description: freeText.default(''),
    components: z.array(refId).min(1),
    /** With a recurrence, the first occurrence's start: its local time in the recurrence's zone is every occurrence's. */
    startsAt: instant,
    endsAt: instant.optional(),
    recurrence: recurrence.optional(),
    /** Issue #15: create it even when it starts too soon for its notice (its verdict says notice_too_late). */
    force: z.boolean().default(false),
  })
  .superRefine((w, ctx) => {
    if (w.recurrence === undefined && w.endsAt === undefined) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'required, unless the window has a recurrence' });
    if (w.recurrence !== undefined && w.endsAt !== undefined) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'not with a recurrence: each occurrence ends its duration after its start' });
    if (w.endsAt !== undefined && w.endsAt <= w.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  })
  .transform(({ recurrence, endsAt, ...w }) => {
    if (recurrence === undefined) return { ...w, endsAt: endsAt! };
    const first = occurrenceEnd(Math.floor(w.startsAt.getTime() / 1000), recurrence);
    return { ...w, endsAt: new Date(first * 1000), recurrence: { ...recurrence, duration: recurrence.duration.toString() } };
  });
const skip = z.strictObject({ date: calendarDate });
const verdictsQuery = z
  .strictObject({ from: instant.optional(), to: instant.optional() })
  .refine((p) => (p.from === undefined) === (p.to === undefined), { path: ['to'], message: 'give both from and to, or neither' })
  .refine((p) => p.from === undefined || p.to! > p.from, { path: ['to'], message: 'must be after from' });
const notice = z.strictObject({ sentAt: instant, channel: z.enum(NOTICE_CHANNELS) });

/** A window as the operators' routes answer it (issue #19: the OpenAPI response body, and the type `reply` checks). */
const windowView = z.strictObject({
  id: z.number().int(),
  kind: z.enum(MAINTENANCE_KINDS),
  title: z.string(),
  description: z.string(),
  components: z.array(z.string()),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  recurrence: z.strictObject({ rrule: z.string(), timeZone: z.string(), duration: z.string(), exdates: z.array(z.string()) }).nullable(),
  // Issue #15: `delivered` from the outbox's delivery record, `declared` on an operator's word.
  notices: z.array(z.strictObject({ sentAt: z.iso.datetime(), channel: z.enum(NOTICE_CHANNELS), provenance: z.enum(NOTICE_PROVENANCES), recordedBy: z.string() })),
  createdBy: z.string(),
  cancelledAt: z.iso.datetime().nullable(),
  cancelledBy: z.string().nullable(),
});
const violations = z.array(z.enum(VIOLATIONS)).readonly();
const verdictsView = z.strictObject({
  window: windowView,
  verdicts: z.array(z.strictObject({ contract: z.string(), occurrence: z.string().optional(), valid: z.boolean(), violations })),
  publicVerdict: z.strictObject({ timeZone: z.string(), valid: z.boolean(), violations }),
});

const DAY_MS = 86_400_000;

export const maintenanceSpecs = {
  create: { method: 'post', path: '/api/v1/maintenance', role: 'operator', summary: 'Announce a maintenance window (SLA §C.1)', cli: ['maintenance', 'create'], body: create, status: 201, response: windowView, conflict: 'Too late to give the notice its kind needs (send force: true to create it anyway)', switches: ['force'] },
  show: { method: 'get', path: '/api/v1/maintenance/:id', role: 'viewer', summary: 'A maintenance window with its notices', cli: ['maintenance', 'show'], response: windowView },
  notice: { method: 'post', path: '/api/v1/maintenance/:id/notices', role: 'operator', summary: 'Record a notice sent for a window (instant and channel)', cli: ['maintenance', 'notice'], body: notice, status: 201, response: windowView },
  cancel: { method: 'post', path: '/api/v1/maintenance/:id/cancel', role: 'operator', summary: 'Cancel a window', cli: ['maintenance', 'cancel'], response: windowView, conflict: 'The window is already cancelled' },
  skip: { method: 'post', path: '/api/v1/maintenance/:id/exceptions', role: 'operator', summary: 'Skip one date of a recurring window (an EXDATE): that night has no occurrence and excuses nothing', cli: ['maintenance', 'skip'], body: skip, status: 201, response: windowView, conflict: 'The date is already skipped' },
  verdicts: {
    method: 'get',
    path: '/api/v1/maintenance/:id/verdicts',
    role: 'viewer',
    summary: "The window's verdict per contract (a recurring window's per occurrence in from–to, by default the last 30 days and the next 7), and the public one (policy's rules and zone) the status page shows, with the rules broken",
    cli: ['maintenance', 'verdicts'],
    query: verdictsQuery,
    response: verdictsView,
  },
} as const satisfies Record<string, RouteSpec>;

/**
 * Issue #15, SLA §C.1 (docs/contract.md §3.1): a window that starts too soon for
 * its kind's notice, given now, is refused before anything is saved, with the
 * rule and the earliest start that would work.
 */
function refuseTooLate(input: { kind: MaintenanceKind; startsAt: Date }, now: Date): void {
  const earliest = earliestNoticedStart(input.kind, now.getTime() / 1000);
  if (earliest === undefined || input.startsAt.getTime() >= earliest * 1000) return;
  const rule = `${input.kind.replace('_', ' ')} needs a notice ≥ ${MAINTENANCE_RULES[input.kind].noticeHours[0]} h before the start (SLA §C.1, docs/contract.md §3.1)`;
  throw new ApiError('conflict', 'too late to give the notice this window needs', [
    `startsAt: ${rule}; with notice given now the earliest start is ${new Date(earliest * 1000).toISOString()}; send force: true to create it anyway`,
  ]);
}

/** Scheduled maintenance (SLA §C.1): create, record notices, cancel, and each contract's verdict. */
export function maintenanceRoute(app: App, deps: ServerDeps): void {
  // The window as the write returned it: its components are the contracts' to recompute.
  const affected = (window: { components: string[] }, actor: string) => deps.ledger.recomputeForComponents(window.components, actor);
  on(app, deps.db, maintenanceSpecs.create, async (c, { body: input }) => {
    await checkComponents(deps.db, input.components);
    const { name } = c.get('actor');
    const now = new Date(deps.now());
    if (!input.force) refuseTooLate(input, now);
    // Issue #15: the contacts' notices are queued with the window, in its transaction.
    const window = await createWindow(deps.db, input, name, now, (tx, w) => announceWindow(tx, w, now, deps.config().notify.webhooks));
    deps.outboxBell.ring();
    await affected(window, name);
    return reply(c, maintenanceSpecs.create, window);
  });
  on(app, deps.db, maintenanceSpecs.show, async (c) => {
    const window = await getWindow(deps.db, intParam(c.req.param('id')!, 'id'));
    if (window === undefined) throw new ApiError('not_found', `no maintenance window ${c.req.param('id')}`);
    return reply(c, maintenanceSpecs.show, window);
  });
  on(app, deps.db, maintenanceSpecs.notice, async (c, { body: input }) => {
    const id = intParam(c.req.param('id')!, 'id');
    const { name } = c.get('actor');
    const now = new Date(deps.now());
    // Issue #12, docs/contract.md §3.1: a notice is recorded once it has been sent. One dated ahead
    // (or before its window existed) would make the window valid at once on a claim nobody checked.
    if (input.sentAt > now) throw new ApiError('bad_request', 'invalid body', ['sentAt: in the future; record a notice once it has been sent']);
    const window = await addNotice(deps.db, id, input.sentAt, input.channel, name, now);
    if (window === undefined) throw new ApiError('not_found', `no maintenance window ${id}`);
    if (window === 'before_window') throw new ApiError('bad_request', 'invalid body', ['sentAt: before the window was created']);
    await affected(window, name);
    return reply(c, maintenanceSpecs.notice, window);
  });
  on(app, deps.db, maintenanceSpecs.cancel, async (c) => {
    const id = intParam(c.req.param('id')!, 'id');
    const { name } = c.get('actor');
    const now = new Date(deps.now());
    // Issue #15: its unsent notices withdrawn and the endpoints told of it sent a cancellation, in its transaction.
    const window = await cancelWindow(deps.db, id, name, now, (tx, w) => cancelWindowMessages(tx, { ...w, cancelledAt: w.cancelledAt! }, now, deps.config().notify.webhooks));
    if (window === undefined) throw new ApiError('not_found', `no maintenance window ${id}`);
    if (window === 'already') throw new ApiError('conflict', `maintenance window ${id} is already cancelled`);
    deps.outboxBell.ring();
    await affected(window, name);
    return reply(c, maintenanceSpecs.cancel, window);
  });
  // Validity is judged in each contract's own time zone (docs/case-file.md), so a window has a verdict per contract.
  on(app, deps.db, maintenanceSpecs.skip, async (c, { body: input }) => {
    const id = intParam(c.req.param('id')!, 'id');
    const { name } = c.get('actor');
    const now = new Date(deps.now());
    const occurs = (w: WindowView) => w.recurrence !== null && occursOn(Math.floor(Date.parse(w.startsAt) / 1000), { ...w.recurrence, duration: Temporal.Duration.from(w.recurrence.duration) }, input.date);
    const window = await skipDate(deps.db, id, input.date, occurs, name, now);
    if (window === undefined) throw new ApiError('not_found', `no maintenance window ${id}`);
    if (window === 'already') throw new ApiError('conflict', `maintenance window ${id} already skips ${input.date}`);
    if (window === 'not_recurring') throw new ApiError('bad_request', 'invalid body', ['date: the window does not recur; cancel it instead']);
    if (window === 'cancelled') throw new ApiError('bad_request', 'invalid body', ['date: the window is cancelled']);
    if (window === 'no_occurrence') throw new ApiError('bad_request', 'invalid body', [`date: the window has no occurrence on ${input.date}`]);
    await affected(window, name);
    return reply(c, maintenanceSpecs.skip, window);
  });
  on(app, deps.db, maintenanceSpecs.verdicts, async (c, { query }) => {
    const id = intParam(c.req.param('id')!, 'id');
    const window = await getWindow(deps.db, id);
    if (window === undefined) throw new ApiError('not_found', `no maintenance window ${id}`);
    const policy = deps.config().policy;
    const now = deps.now();
    const period = query.from && query.to ? { from: query.from, to: query.to } : window.recurrence === null ? undefined : { from: new Date(now - 30 * DAY_MS), to: new Date(now + 7 * DAY_MS) };
    // The judgement the status page and the feeds show, beside each contract's own (issue #19).
    const notices = window.notices.map((n) => ({ sentAt: new Date(n.sentAt), provenance: n.provenance }));
    const verdict = publicWindowJudge(policy)({ kind: window.kind, startsAt: new Date(window.startsAt), endsAt: new Date(window.endsAt), notices });
    return reply(c, maintenanceSpecs.verdicts, { window, verdicts: await windowVerdicts(deps.db, id, policy, period), publicVerdict: { timeZone: POLICY_TIME_ZONE, valid: verdict.valid, violations: verdict.violations } });
  });
}
