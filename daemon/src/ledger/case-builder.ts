import type { Policy } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** Refs of stored facts in case files and ledger entries. */
export const ref = {
  outage: (id: number) => `O-${id}`,
  maintenance: (id: number) => `M-${id}`,
  forceMajeure: (id: number) => `F-${id}`,
  bug: (id: number) => `B-${id}`,
};

const iso = (d: Date) => d.toISOString();

/** The policy as a case file writes it (docs/case-file.md `policy`), from the parsed config. */
export function policyAsCaseFile(p: Policy) {
  return {
    version: p.version,
    effectiveFrom: new Date(p.effectiveFrom * 1000).toISOString(),
    blockRounding: p.blockRounding,
    latestEnd: p.latestEnd.toString().slice(0, 5),
    pausedEarnsCredits: p.pausedEarnsCredits,
    forceMajeureNeedsSecondApprover: p.forceMajeureNeedsSecondApprover,
    fineBaseVnd: p.fineBaseVnd.toString(),
    fineLicenseRounding: p.fineLicenseRounding,
  };
}

export interface Period {
  from: Date;
  to: Date;
}

/**
 * The stored facts of one contract in the very shape of a case file
 * (docs/case-file.md), so that anyone can replay the daemon's figures with
 * `pnpm sla credits` (issue #4). Open outages have no end yet and wait.
 */
export async function buildCaseFile(db: Kysely<Database>, contractId: string, policy: Policy, period?: Period) {
  const contract = await db.selectFrom('contracts').selectAll().where('id', '=', contractId).executeTakeFirst();
  if (contract === undefined) return undefined;
  const covered = (await db.selectFrom('contract_components').select('component_id').where('contract_id', '=', contractId).orderBy('component_id').execute()).map((r) => r.component_id);
  const states = await db.selectFrom('contract_states').selectAll().where('contract_id', '=', contractId).orderBy('effective_at').execute();
  const components = await db.selectFrom('components').select(['id', 'tier']).orderBy('position').orderBy('id').execute();

  let outageQuery = db.selectFrom('outages').selectAll().where('ended_at', 'is not', null).where('component_id', 'in', covered.length > 0 ? covered : ['']);
  if (period) outageQuery = outageQuery.where('started_at', '<', period.to).where('ended_at', '>', period.from);
  const outages = await outageQuery.orderBy('started_at').orderBy('id').execute();

  const windows = await db
    .selectFrom('maintenance_windows')
    .selectAll()
    .where('cancelled_at', 'is', null)
    .where('id', 'in', db.selectFrom('maintenance_components').select('window_id').where('component_id', 'in', covered.length > 0 ? covered : ['']))
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  const windowIds = windows.map((w) => w.id);
  const windowComponents = windowIds.length === 0 ? [] : await db.selectFrom('maintenance_components').selectAll().where('window_id', 'in', windowIds).orderBy('component_id').execute();
  const notices = windowIds.length === 0 ? [] : await db.selectFrom('maintenance_notices').selectAll().where('window_id', 'in', windowIds).orderBy('sent_at').execute();

  const forceMajeure = await db.selectFrom('force_majeure').selectAll().where('withdrawn_at', 'is', null).orderBy('starts_at').orderBy('id').execute();
  const bugs = await db.selectFrom('bugs').selectAll().where('contract_id', '=', contractId).orderBy('id').execute();
  const occurrences = bugs.length === 0 ? [] : await db.selectFrom('bug_occurrences').selectAll().where('bug_id', 'in', bugs.map((b) => b.id)).orderBy('reported_at').orderBy('id').execute();

  return {
    policy: policyAsCaseFile(policy),
    ...(period ? { period: { from: iso(period.from), to: iso(period.to) } } : {}),
    components: components.map((c) => ({ id: c.id, tier: c.tier })),
    contracts: [
      {
        id: contract.id,
        timeZone: contract.time_zone,
        annualFeeVnd: contract.annual_fee_vnd,
        components: covered,
        states: states.map((s) => ({ state: s.state, from: iso(s.effective_at) })),
        creditAs: contract.credit_as,
      },
    ],
    outages: outages.map((o) => ({
      id: ref.outage(o.id),
      component: o.component_id,
      impact: o.impact,
      start: iso(o.started_at),
      end: iso(o.ended_at!),
      ...(o.class_override ? { class: o.class_override } : {}),
    })),
    maintenance: windows.map((w) => ({
      id: ref.maintenance(w.id),
      kind: w.kind,
      components: windowComponents.filter((c) => c.window_id === w.id).map((c) => c.component_id),
      start: iso(w.starts_at),
      end: iso(w.ends_at),
      notices: notices.filter((n) => n.window_id === w.id).map((n) => iso(n.sent_at)),
    })),
    forceMajeure: forceMajeure.map((f) => ({
      id: ref.forceMajeure(f.id),
      category: f.category,
      ...(f.components ? { components: f.components } : {}),
      start: iso(f.starts_at),
      end: iso(f.ends_at),
      declaredBy: f.declared_by,
      ...(f.approved_by ? { approvedBy: f.approved_by } : {}),
    })),
    bugs: bugs.map((b) => ({
      id: ref.bug(b.id),
      contract: b.contract_id,
      occurrences: occurrences
        .filter((o) => o.bug_id === b.id)
        .map((o) => ({ reportedAt: iso(o.reported_at), ...(o.fixed_at ? { fixedAt: iso(o.fixed_at) } : {}) })),
    })),
  };
}

export type BuiltCaseFile = NonNullable<Awaited<ReturnType<typeof buildCaseFile>>>;
