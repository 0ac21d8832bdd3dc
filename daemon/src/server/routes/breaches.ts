import { z } from 'zod';
import type { App } from '../app-type.ts';
import { approveBreach, breachView, declareBreach, getBreach, listBreaches } from '../../breaches/breach.repository.ts';
import { getContract } from '../../contracts/contract.repository.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { instant, intParam, nonEmpty, refId } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { at, atOrNull } from '../view-fields.ts';

// docs/contract.md §1.3: the value is counted from signing, so the evidence of a breach is never empty.
const declare = z.strictObject({ contract: refId, at: instant, description: nonEmpty, evidence: nonEmpty });
const filter = z.strictObject({ contract: refId.optional() });

/** A breach as every route answers it (private: contract, evidence and persons; docs/contract.md §5). */
const breachShape = z.strictObject({
  id: z.number().int(),
  contract: z.string(),
  at,
  description: z.string(),
  evidence: z.string(),
  declaredBy: z.string(),
  declaredAt: at,
  approvedBy: z.string().nullable(),
  approvedAt: atOrNull,
});

export const breachSpecs = {
  declare: { method: 'post', path: '/api/v1/breaches', role: 'operator', summary: 'Declare a confidentiality breach (terms §4); it owes nothing until a second operator approves it', cli: ['breaches', 'declare'], body: declare, status: 201, response: breachShape },
  list: { method: 'get', path: '/api/v1/breaches', role: 'viewer', summary: 'Confidentiality breaches, declared and approved', cli: ['breaches', 'list'], query: filter, response: z.strictObject({ breaches: z.array(breachShape) }) },
  approve: { method: 'post', path: '/api/v1/breaches/:id/approve', role: 'approver', summary: 'Approve a breach; the declarer may not (docs/contract.md §1.3). The ledger then proposes its line', cli: ['breaches', 'approve'], response: breachShape, conflict: 'The breach is already approved' },
} as const satisfies Record<string, RouteSpec>;

/**
 * Confidentiality breaches (terms §4, docs/contract.md §1.3): declared by an
 * operator, owed once a second, different operator approves, then a ledger
 * line of their own through the same flow as every credit.
 */
export function breachesRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, breachSpecs.declare, async (c, { body: input }) => {
    if (input.at.getTime() > deps.now()) throw new ApiError('bad_request', 'invalid body', ['at: in the future; declare a breach once it has happened']);
    const contract = await getContract(deps.db, input.contract);
    if (contract === undefined) throw new ApiError('bad_request', 'invalid body', [`contract: unknown contract "${input.contract}"`]);
    // The value runs from signing, which is the contract's first recorded state (docs/contract.md §1.3 Default).
    const signedAt = contract.states[0]?.from;
    if (signedAt === undefined) throw new ApiError('bad_request', 'invalid body', [`contract: "${input.contract}" has no recorded state, so no signing instant to count its value from (docs/contract.md §1.3)`]);
    if (input.at.getTime() < Date.parse(signedAt)) throw new ApiError('bad_request', 'invalid body', [`at: before contract "${input.contract}" was signed (${signedAt})`]);
    return reply(c, breachSpecs.declare, breachView(await declareBreach(deps.db, input, c.get('actor').name)));
  });
  on(app, deps.db, breachSpecs.list, async (c, { query }) => reply(c, breachSpecs.list, { breaches: (await listBreaches(deps.db, query)).map(breachView) }));
  on(app, deps.db, breachSpecs.approve, async (c) => {
    const id = intParam(c.req.param('id')!, 'id');
    const { name } = c.get('actor');
    const row = await getBreach(deps.db, id);
    if (row === undefined) throw new ApiError('not_found', `no breach ${id}`);
    if (row.declared_by === name)
      throw new ApiError('forbidden', `${name} declared this breach and cannot also approve it: a breach needs a second, different approver (docs/contract.md §1.3)`);
    const approved = await approveBreach(deps.db, id, name, new Date(deps.now()));
    if (approved === undefined) throw new ApiError('conflict', `breach ${id} is already approved`);
    await deps.ledger.recompute([approved.contract_id], name);
    return reply(c, breachSpecs.approve, breachView(approved));
  });
}
