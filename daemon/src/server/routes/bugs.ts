import type { Hono } from 'hono';
import { z } from 'zod';
import { createBug, getBug, recordFix, recordOccurrence } from '../../bugs/bug.repository.ts';
import { getContract } from '../../contracts/contract.repository.ts';
import { ApiError } from '../api-error.ts';
import { requireRole, type ActorEnv } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';
import { instant, intParam, jsonBody, nonEmpty, refId } from '../fields.ts';
import { parseInput } from '../validation.ts';

const create = z.strictObject({ contract: refId, title: nonEmpty });
const occurrence = z.strictObject({ reportedAt: instant });
const fix = z.strictObject({ fixedAt: instant });

/** Repeated bugs (SLA §C.5, sla-policy.md §1.2): create, record each report, record each fix. */
export function bugsRoute(app: Hono<any>, deps: ServerDeps): void {
  const r = app as unknown as Hono<ActorEnv>;
  r.post('/api/v1/bugs', requireRole(deps.db, 'operator'), async (c) => {
    const input = parseInput(create, await jsonBody(c), 'body');
    if ((await getContract(deps.db, input.contract)) === undefined) throw new ApiError('bad_request', 'invalid body', [`contract: unknown contract "${input.contract}"`]);
    return c.json(await createBug(deps.db, input.contract, input.title, c.get('actor').name), 201);
  });
  r.get('/api/v1/bugs/:id', requireRole(deps.db, 'viewer'), async (c) => {
    const bug = await getBug(deps.db, intParam(c.req.param('id'), 'id'));
    if (bug === undefined) throw new ApiError('not_found', `no bug ${c.req.param('id')}`);
    return c.json(bug);
  });
  r.post('/api/v1/bugs/:id/occurrences', requireRole(deps.db, 'operator'), async (c) => {
    const input = parseInput(occurrence, await jsonBody(c), 'body');
    const id = intParam(c.req.param('id'), 'id');
    const { name } = c.get('actor');
    const bug = await recordOccurrence(deps.db, id, input.reportedAt, name);
    if (bug === undefined) throw new ApiError('not_found', `no bug ${id}`);
    await deps.ledger.recompute([bug.contract], name);
    return c.json(bug, 201);
  });
  r.post('/api/v1/bugs/:id/occurrences/:occurrence/fix', requireRole(deps.db, 'operator'), async (c) => {
    const input = parseInput(fix, await jsonBody(c), 'body');
    const id = intParam(c.req.param('id'), 'id');
    const { name } = c.get('actor');
    const outcome = await recordFix(deps.db, id, intParam(c.req.param('occurrence'), 'occurrence'), input.fixedAt, name);
    if (outcome === 'not_found') throw new ApiError('not_found', `no occurrence ${c.req.param('occurrence')} of bug ${id}`);
    if (outcome === 'already_fixed') throw new ApiError('conflict', 'this occurrence already has a fix recorded');
    if (outcome === 'before_report') throw new ApiError('bad_request', 'invalid body', ['fixedAt: before the occurrence was reported']);
    await deps.ledger.recompute([outcome.contract], name);
    return c.json(outcome);
  });
}
