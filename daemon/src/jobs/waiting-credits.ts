import type { AlertRoute } from '@sla/shared';
import type { Db } from '../db/database.ts';
import { queueAlert } from '../outbox/alerts.ts';

/** Issue #15: a proposed credit undecided this long alerts the operators. */
export const WAITING_CREDIT_MS = 24 * 3_600_000;

/**
 * Issue #15, calendar job: each ledger entry still `proposed` more than 24 h
 * after it was proposed alerts once (the key is the entry's id). The alert
 * names the entry and its contract id, never a customer or an amount.
 */
export async function alertWaitingCredits(db: Db, routes: readonly AlertRoute[], now: Date): Promise<void> {
  if (!routes.some((r) => r.events.includes('credit.waiting'))) return;
  const waiting = await db
    .selectFrom('ledger_entries')
    .select(['id', 'contract_id', 'created_at'])
    .where('state', '=', 'proposed')
    .where('created_at', '<', new Date(now.getTime() - WAITING_CREDIT_MS))
    .orderBy('id')
    .execute();
  for (const e of waiting)
    await queueAlert(db, routes, 'credit.waiting', e.id, { entryId: e.id, contractId: e.contract_id, proposedAt: new Date(e.created_at).toISOString() }, now);
}
