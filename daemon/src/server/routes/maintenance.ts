import { computeStatement, MAINTENANCE_KINDS, parseCaseFile } from '@sla/shared';
import type { Hono } from 'hono';
import { z } from 'zod';
import { listContractIds } from '../../contracts/contract.repository.ts';
import { buildCaseFile, ref } from '../../ledger/case-builder.ts';
import { addNotice, cancelWindow, createWindow, getWindow } from '../../maintenance/maintenance.repository.ts';
import { NOTICE_CHANNELS } from '../../maintenance/maintenance.table.ts';
import { ApiError } from '../api-error.ts';
import { requireRole, type ActorEnv } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';
import { instant, intParam, jsonBody, nonEmpty, refId } from '../fields.ts';
import { checkComponents } from '../references.ts';
import { parseInput } from '../validation.ts';

const create = z
  .strictObject({
    kind: z.enum(MAINTENANCE_KINDS),
    title: nonEmpty,
    description: z.string().default(''),
    components: z.array(refId).min(1),
    startsAt: instant,
    endsAt: instant,
  })
  .refine((w) => w.endsAt > w.startsAt, { path: ['endsAt'], message: 'must be after startsAt' });
const notice = z.strictObject({ sentAt: instant, channel: z.enum(NOTICE_CHANNELS) });

/** Scheduled maintenance (SLA §C.1): create, record notices, cancel, and each contract's verdict. */
export function maintenanceRoute(app: Hono<any>, deps: ServerDeps): void {
  const r = app as unknown as Hono<ActorEnv>;
  const affected = async (id: number, actor: string) => {
    const w = await getWindow(deps.db, id);
    if (w) await deps.ledger.recomputeForComponents(w.components, actor);
  };
  r.post('/api/v1/maintenance', requireRole(deps.db, 'operator'), async (c) => {
    const input = parseInput(create, await jsonBody(c), 'body');
    await checkComponents(deps.db, input.components);
    const { name } = c.get('actor');
    const window = await createWindow(deps.db, input, name);
    await affected(window.id, name);
    return c.json(window, 201);
  });
  r.get('/api/v1/maintenance/:id', requireRole(deps.db, 'viewer'), async (c) => {
    const window = await getWindow(deps.db, intParam(c.req.param('id'), 'id'));
    if (window === undefined) throw new ApiError('not_found', `no maintenance window ${c.req.param('id')}`);
    return c.json(window);
  });
  r.post('/api/v1/maintenance/:id/notices', requireRole(deps.db, 'operator'), async (c) => {
    const input = parseInput(notice, await jsonBody(c), 'body');
    const id = intParam(c.req.param('id'), 'id');
    const { name } = c.get('actor');
    const window = await addNotice(deps.db, id, input.sentAt, input.channel, name);
    if (window === undefined) throw new ApiError('not_found', `no maintenance window ${id}`);
    await affected(id, name);
    return c.json(window, 201);
  });
  r.post('/api/v1/maintenance/:id/cancel', requireRole(deps.db, 'operator'), async (c) => {
    const id = intParam(c.req.param('id'), 'id');
    const { name } = c.get('actor');
    const window = await cancelWindow(deps.db, id, name, new Date(deps.now()));
    if (window === undefined) throw new ApiError('not_found', `no maintenance window ${id}`);
    if (window === 'already') throw new ApiError('conflict', `maintenance window ${id} is already cancelled`);
    await affected(id, name);
    return c.json(window);
  });
  // Validity is judged in each contract's own time zone (case-file.md), so a window has a verdict per contract.
  r.get('/api/v1/maintenance/:id/verdicts', requireRole(deps.db, 'viewer'), async (c) => {
    const id = intParam(c.req.param('id'), 'id');
    const window = await getWindow(deps.db, id);
    if (window === undefined) throw new ApiError('not_found', `no maintenance window ${id}`);
    const verdicts = [];
    for (const contractId of await listContractIds(deps.db)) {
      const parsed = parseCaseFile(await buildCaseFile(deps.db, contractId, deps.config().policy));
      if (!parsed.ok) throw new Error(parsed.problems.join('; '));
      const verdict = computeStatement(parsed.caseFile).contracts[0]?.maintenance.find((v) => v.ref === ref.maintenance(id));
      if (verdict) verdicts.push({ contract: contractId, valid: verdict.valid, violations: verdict.violations });
    }
    return c.json({ window, verdicts });
  });
}
