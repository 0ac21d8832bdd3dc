import type { Hono } from 'hono';
import { z } from 'zod';
import { addContractState, changeContract, createContract, getContract, listContractIds } from '../../contracts/contract.repository.ts';
import { ApiError } from '../api-error.ts';
import { requireRole, type ActorEnv } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';
import { contractState, creditAs, instant, jsonBody, nonEmpty, refId, timeZone, vnd } from '../fields.ts';
import { checkComponents } from '../references.ts';
import { parseInput } from '../validation.ts';

const create = z.strictObject({
  id: refId,
  customer: nonEmpty,
  timeZone: timeZone.default('Asia/Ho_Chi_Minh'),
  annualFeeVnd: vnd,
  components: z.array(refId),
  creditAs: creditAs.default('license'),
  states: z.array(z.strictObject({ state: contractState, from: instant })).default([]),
  licenseExpiresAt: instant.optional(),
  renewalAt: instant.optional(),
});
const change = create.omit({ id: true, states: true }).partial().extend({ licenseExpiresAt: instant.nullable().optional(), renewalAt: instant.nullable().optional() });
const stateChange = z.strictObject({ state: contractState, effectiveAt: instant });

/** Contracts (private): create, change, and their dated states (terms §2, case-file.md). */
export function contractsRoute(app: Hono<any>, deps: ServerDeps): void {
  const r = app as unknown as Hono<ActorEnv>;
  r.get('/api/v1/contracts', requireRole(deps.db, 'viewer'), async (c) => {
    const ids = await listContractIds(deps.db);
    return c.json({ contracts: await Promise.all(ids.map((id) => getContract(deps.db, id))) });
  });
  r.get('/api/v1/contracts/:id', requireRole(deps.db, 'viewer'), async (c) => {
    const contract = await getContract(deps.db, c.req.param('id'));
    if (contract === undefined) throw new ApiError('not_found', `no contract ${c.req.param('id')}`);
    return c.json(contract);
  });
  r.post('/api/v1/contracts', requireRole(deps.db, 'operator'), async (c) => {
    const input = parseInput(create, await jsonBody(c), 'body');
    const { name } = c.get('actor');
    await checkComponents(deps.db, input.components);
    if (await getContract(deps.db, input.id)) throw new ApiError('conflict', `contract ${input.id} already exists`);
    const contract = await createContract(deps.db, input, name);
    await deps.ledger.recompute([contract.id], name);
    return c.json(contract, 201);
  });
  r.patch('/api/v1/contracts/:id', requireRole(deps.db, 'operator'), async (c) => {
    const input = parseInput(change, await jsonBody(c), 'body');
    const { name } = c.get('actor');
    if (input.components) await checkComponents(deps.db, input.components);
    const contract = await changeContract(deps.db, c.req.param('id'), input, name);
    if (contract === undefined) throw new ApiError('not_found', `no contract ${c.req.param('id')}`);
    await deps.ledger.recompute([contract.id], name);
    return c.json(contract);
  });
  r.post('/api/v1/contracts/:id/states', requireRole(deps.db, 'operator'), async (c) => {
    const input = parseInput(stateChange, await jsonBody(c), 'body');
    const id = c.req.param('id');
    const { name } = c.get('actor');
    const outcome = await addContractState(deps.db, id, input.state, input.effectiveAt, name);
    if (outcome === 'not_found') throw new ApiError('not_found', `no contract ${id}`);
    if (outcome === 'exists') throw new ApiError('conflict', `contract ${id} already has a state taking effect at ${input.effectiveAt.toISOString()}`);
    await deps.ledger.recompute([id], name);
    return c.json((await getContract(deps.db, id))!, 201);
  });
}
