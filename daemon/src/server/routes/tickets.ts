import { TICKET_CHANNELS, TICKET_CLASSES, TICKET_DEADLINES, TICKET_OUTCOMES } from '@sla/shared';
import { z } from 'zod';
import type { App } from '../app-type.ts';
import { getContract } from '../../contracts/contract.repository.ts';
import { createTicket, listTickets, recordTicketInstants, TICKET_INSTANTS, type TicketInstant } from '../../tickets/ticket.repository.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { instant, intParam, refId, title } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';

const create = z.strictObject({ contract: refId, title, class: z.enum(TICKET_CLASSES), channel: z.enum(TICKET_CHANNELS), receivedAt: instant });
const record = z
  .strictObject({ confirmedAt: instant.optional(), firstResponseAt: instant.optional(), acknowledgedAt: instant.optional(), resolvedAt: instant.optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: `give at least one of ${TICKET_INSTANTS.join(', ')}` });
const filter = z.strictObject({ contract: refId.optional() });

const at = z.string().nullable();
/** A ticket as every route answers it (issue #19: the document's response body, and the type `reply` checks). */
const ticketView = z.object({
  id: z.number().int(),
  contract: z.string(),
  title: z.string(),
  class: z.enum(TICKET_CLASSES),
  channel: z.enum(TICKET_CHANNELS),
  receivedAt: z.string(),
  confirmedAt: at,
  firstResponseAt: at,
  acknowledgedAt: at,
  resolvedAt: at,
  createdBy: z.string(),
  deadlines: z.array(z.object({ deadline: z.enum(TICKET_DEADLINES), dueAt: z.string(), outcome: z.enum(TICKET_OUTCOMES), secondsLeft: z.number().int().optional() })),
});
const ticketList = z.object({ tickets: z.array(ticketView) });

export const ticketSpecs = {
  add: { method: 'post', path: '/api/v1/tickets', role: 'operator', summary: 'Record a support ticket as received (docs/contract.md §2)', cli: ['tickets', 'add'], body: create, status: 201, response: ticketView },
  record: { method: 'patch', path: '/api/v1/tickets/:id', role: 'operator', summary: 'Record when a ticket was confirmed (or agreed), first answered, acknowledged, resolved', cli: ['tickets', 'record'], body: record, response: ticketView },
  list: { method: 'get', path: '/api/v1/tickets', role: 'viewer', summary: 'Tickets with each deadline met, breached or pending (and the time left)', cli: ['tickets', 'list'], query: filter, response: ticketList },
  ofContract: { method: 'get', path: '/api/v1/contracts/:id/tickets', role: 'viewer', summary: 'A contract’s tickets with their deadlines', cli: ['contracts', 'tickets'], response: ticketList },
} as const satisfies Record<string, RouteSpec>;

/** Instants are facts already past: one dated after now is refused, as a notice is (docs/contract.md §3.1). */
function refuseFuture(instants: Partial<Record<string, Date>>, now: number): void {
  const future = Object.entries(instants).filter(([, at]) => at !== undefined && at.getTime() > now);
  if (future.length > 0) throw new ApiError('bad_request', 'invalid body', future.map(([key]) => `${key}: in the future; record it once it has happened`));
}

/** Support tickets and their clocks (SLA §A, §C.3, docs/contract.md §2; issue #16). */
export function ticketsRoute(app: App, deps: ServerDeps): void {
  const context = () => ({ policy: deps.config().policy, now: new Date(deps.now()) });
  on(app, deps.db, ticketSpecs.add, async (c, { body: input }) => {
    refuseFuture({ receivedAt: input.receivedAt }, deps.now());
    if ((await getContract(deps.db, input.contract)) === undefined) throw new ApiError('bad_request', 'invalid body', [`contract: unknown contract "${input.contract}"`]);
    const { policy, now } = context();
    return reply(c, ticketSpecs.add, (await createTicket(deps.db, input, c.get('actor').name, policy, now)) as z.input<typeof ticketView>);
  });
  on(app, deps.db, ticketSpecs.record, async (c, { body: input }) => {
    const id = intParam(c.req.param('id')!, 'id');
    refuseFuture(input, deps.now());
    const { policy, now } = context();
    const outcome = await recordTicketInstants(deps.db, id, input as Partial<Record<TicketInstant, Date>>, c.get('actor').name, policy, now);
    if (outcome === 'not_found') throw new ApiError('not_found', `no ticket ${id}`);
    if ('conflict' in outcome) throw new ApiError('conflict', `already recorded, and not changed: ${outcome.conflict.join(', ')}`);
    if ('problems' in outcome) throw new ApiError('bad_request', 'invalid body', outcome.problems);
    return reply(c, ticketSpecs.record, outcome as z.input<typeof ticketView>);
  });
  on(app, deps.db, ticketSpecs.list, async (c, { query }) => {
    const { policy, now } = context();
    return reply(c, ticketSpecs.list, { tickets: (await listTickets(deps.db, policy, now, { contract: query.contract })) as z.input<typeof ticketView>[] });
  });
  on(app, deps.db, ticketSpecs.ofContract, async (c) => {
    const id = c.req.param('id')!;
    if ((await getContract(deps.db, id)) === undefined) throw new ApiError('not_found', `no contract ${id}`);
    const { policy, now } = context();
    return reply(c, ticketSpecs.ofContract, { tickets: (await listTickets(deps.db, policy, now, { contract: id })) as z.input<typeof ticketView>[] });
  });
}
