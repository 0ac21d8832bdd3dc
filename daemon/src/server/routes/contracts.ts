import { z } from 'zod';
import type { App } from '../app-type.ts';
import { addContractState, changeContract, createContract, getContract, listContractIds } from '../../contracts/contract.repository.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { contractState, creditAs, instant, positiveVnd, refId, timeZone, title } from '../fields.ts';
import { checkComponents } from '../references.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { at, atOrNull, vndDigits } from '../view-fields.ts';

const fields = { customer: title, timeZone, annualFeeVnd: positiveVnd, components: z.array(refId), creditAs };
const create = z.strictObject({
  id: refId,
  ...fields,
  timeZone: timeZone.default('Asia/Ho_Chi_Minh'),
  creditAs: creditAs.default('license'),
  states: z.array(z.strictObject({ state: contractState, from: instant })).default([]),
  licenseExpiresAt: instant.optional(),
  renewalAt: instant.optional(),
});
// Without create's defaults: a PATCH of the fee alone must not reset the credit
// preference or the time zone (it changed how money is paid, issue #12).
const change = z.strictObject(fields).partial().extend({ licenseExpiresAt: instant.nullable().optional(), renewalAt: instant.nullable().optional() });
const stateChange = z.strictObject({ state: contractState, effectiveAt: instant });

/** A contract as every contract route answers it (private; issue #19: the document's body and the type `reply` checks). */
const contractView = z.strictObject({
  id: z.string(),
  customer: z.string(),
  timeZone: z.string(),
  annualFeeVnd: vndDigits,
  creditAs,
  components: z.array(z.string()),
  states: z.array(z.strictObject({ state: contractState, from: at, recordedBy: z.string() })),
  licenseExpiresAt: atOrNull,
  renewalAt: atOrNull,
});

export const contractSpecs = {
  list: { method: 'get', path: '/api/v1/contracts', role: 'viewer', summary: 'List contracts (private)', cli: ['contracts', 'list'], response: z.strictObject({ contracts: z.array(contractView) }) },
  show: { method: 'get', path: '/api/v1/contracts/:id', role: 'viewer', summary: 'A contract with its components and dated states', cli: ['contracts', 'show'], response: contractView },
  create: { method: 'post', path: '/api/v1/contracts', role: 'operator', summary: 'Create a contract', cli: ['contracts', 'create'], body: create, status: 201, response: contractView, conflict: 'A contract with this id exists' },
  change: { method: 'patch', path: '/api/v1/contracts/:id', role: 'operator', summary: 'Change fee, time zone, components, credit preference, license expiry or renewal date', cli: ['contracts', 'change'], body: change, response: contractView },
  state: { method: 'post', path: '/api/v1/contracts/:id/states', role: 'operator', summary: 'Record a state (deployment, active, paused) taking effect at an instant (terms §2)', cli: ['contracts', 'state'], body: stateChange, status: 201, response: contractView, conflict: 'The contract already has a state taking effect at that instant' },
} as const satisfies Record<string, RouteSpec>;

/** Contracts (private): create, change, and their dated states (terms §2, docs/case-file.md). */
export function contractsRoute(app: App, deps: ServerDeps): void {
  const notFound = (id: string) => new ApiError('not_found', `no contract ${id}`);
  on(app, deps.db, contractSpecs.list, async (c) => {
    const ids = await listContractIds(deps.db);
    const contracts = await Promise.all(ids.map(async (id) => (await getContract(deps.db, id))!));
    return reply(c, contractSpecs.list, { contracts });
  });
  on(app, deps.db, contractSpecs.show, async (c) => {
    const contract = await getContract(deps.db, c.req.param('id')!);
    if (contract === undefined) throw notFound(c.req.param('id')!);
    return reply(c, contractSpecs.show, contract);
  });
  on(app, deps.db, contractSpecs.create, async (c, { body }) => {
    const { name } = c.get('actor');
    await checkComponents(deps.db, body.components);
    if (await getContract(deps.db, body.id)) throw new ApiError('conflict', `contract ${body.id} already exists`);
    const contract = await createContract(deps.db, body, name);
    await deps.ledger.recompute([contract.id], name);
    return reply(c, contractSpecs.create, contract);
  });
  on(app, deps.db, contractSpecs.change, async (c, { body }) => {
    const { name } = c.get('actor');
    if (body.components) await checkComponents(deps.db, body.components);
    const contract = await changeContract(deps.db, c.req.param('id')!, body, name);
    if (contract === undefined) throw notFound(c.req.param('id')!);
    await deps.ledger.recompute([contract.id], name);
    return reply(c, contractSpecs.change, contract);
  });
  on(app, deps.db, contractSpecs.state, async (c, { body }) => {
    const id = c.req.param('id')!;
    const { name } = c.get('actor');
    const outcome = await addContractState(deps.db, id, body.state, body.effectiveAt, name);
    if (outcome === 'not_found') throw notFound(id);
    if (outcome === 'exists') throw new ApiError('conflict', `contract ${id} already has a state taking effect at ${body.effectiveAt.toISOString()}`);
    await deps.ledger.recompute([id], name);
    return reply(c, contractSpecs.state, (await getContract(deps.db, id))!);
  });
}
