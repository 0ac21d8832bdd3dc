import { z } from 'zod';
import type { App } from '../app-type.ts';
import { createBug, getBug, recordFix, recordOccurrence } from '../../bugs/bug.repository.ts';
import { getContract } from '../../contracts/contract.repository.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { instant, intParam, refId, title } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { at, atOrNull } from '../view-fields.ts';

const create = z.strictObject({ contract: refId, title });
const occurrence = z.strictObject({ reportedAt: instant });
const fix = z.strictObject({ fixedAt: instant });
/** A bug with its reports, numbered as the engine counts occurrences (docs/contract.md §1.2; issue #19). */
const bugView = z.strictObject({
  id: z.number().int(),
  contract: z.string(),
  title: z.string(),
  createdBy: z.string(),
  occurrences: z.array(z.strictObject({ id: z.number().int(), occurrence: z.number().int().min(1), reportedAt: at, fixedAt: atOrNull, recordedBy: z.string() })),
});

export const bugSpecs = {
  create: { method: 'post', path: '/api/v1/bugs', role: 'operator', summary: 'Record a bug a customer reported', cli: ['bugs', 'create'], body: create, status: 201, response: bugView },
  show: { method: 'get', path: '/api/v1/bugs/:id', role: 'viewer', summary: 'A bug with its occurrences', cli: ['bugs', 'show'], response: bugView },
  occurrence: { method: 'post', path: '/api/v1/bugs/:id/occurrences', role: 'operator', summary: 'Record a report of the bug (docs/contract.md §1.2)', cli: ['bugs', 'occurrence'], body: occurrence, status: 201, response: bugView },
  fix: { method: 'post', path: '/api/v1/bugs/:id/occurrences/:occurrence/fix', role: 'operator', summary: 'Record the fix of occurrence N (numbered as the engine counts them, docs/contract.md §1.2)', cli: ['bugs', 'fix'], body: fix, response: bugView, conflict: 'This occurrence already has a fix recorded' },
} as const satisfies Record<string, RouteSpec>;

/** Repeated bugs (SLA §C.5, docs/contract.md §1.2): create, record each report, record each fix. */
export function bugsRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, bugSpecs.create, async (c, { body: input }) => {
    if ((await getContract(deps.db, input.contract)) === undefined) throw new ApiError('bad_request', 'invalid body', [`contract: unknown contract "${input.contract}"`]);
    return reply(c, bugSpecs.create, await createBug(deps.db, input.contract, input.title, c.get('actor').name));
  });
  on(app, deps.db, bugSpecs.show, async (c) => {
    const bug = await getBug(deps.db, intParam(c.req.param('id')!, 'id'));
    if (bug === undefined) throw new ApiError('not_found', `no bug ${c.req.param('id')}`);
    return reply(c, bugSpecs.show, bug);
  });
  on(app, deps.db, bugSpecs.occurrence, async (c, { body: input }) => {
    const id = intParam(c.req.param('id')!, 'id');
    const { name } = c.get('actor');
    const bug = await recordOccurrence(deps.db, id, input.reportedAt, name);
    if (bug === undefined) throw new ApiError('not_found', `no bug ${id}`);
    await deps.ledger.recompute([bug.contract], name);
    return reply(c, bugSpecs.occurrence, bug);
  });
  on(app, deps.db, bugSpecs.fix, async (c, { body: input }) => {
    const id = intParam(c.req.param('id')!, 'id');
    const { name } = c.get('actor');
    const outcome = await recordFix(deps.db, id, intParam(c.req.param('occurrence')!, 'occurrence'), input.fixedAt, name);
    if (outcome === 'not_found') throw new ApiError('not_found', `no occurrence ${c.req.param('occurrence')} of bug ${id}`);
    if (outcome === 'already_fixed') throw new ApiError('conflict', 'this occurrence already has a fix recorded');
    if (outcome === 'before_report') throw new ApiError('bad_request', 'invalid body', ['fixedAt: before the occurrence was reported']);
    await deps.ledger.recompute([outcome.contract], name);
    return reply(c, bugSpecs.fix, outcome);
  });
}
