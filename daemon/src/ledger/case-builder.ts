import type { Policy } from '@sla/shared';
import { isVeryCritical } from '@sla/shared/engine/classify.ts';
import { sql, type Kysely, type QueryCreator } from 'kysely';
import type { Database } from '../db/database.ts';
import { breachesOfContracts } from '../breaches/breach.repository.ts';
import { ticketsOfContracts } from '../tickets/ticket.repository.ts';
import { freshEntries, type EntryMaker } from './entry-memo.ts';
import { ref } from './refs.ts';

export { ref };

const iso = (d: Date) => d.toISOString();

/**
 * An instant column as epoch milliseconds, digits (int8 is text on both
 * engines, db/open.ts), floored as the Date pg would give: outages and windows
 * are thousands of rows a recompute, and pg's date parsing (a regex and a Date
 * per instant) was a tenth of a write's CPU and 2 MB of its garbage (issue #13).
 */
const epochMs = (column: string) => sql<string>`floor(extract(epoch from ${sql.ref(column)}) * 1000)::int8`;

/** The policy as a case file writes it (docs/case-file.md `policy`), from the parsed config. */
export function policyAsCaseFile(p: Policy) {
  return {
    version: p.version,
    effectiveFrom: new Date(p.effectiveFrom * 1000).toISOString(),
    blockRounding: p.blockRounding,
    latestEnd: p.latestEnd.toString().slice(0, 5),
    declaredNoticesCount: p.declaredNoticesCount,
    pausedEarnsCredits: p.pausedEarnsCredits,
    forceMajeureNeedsSecondApprover: p.forceMajeureNeedsSecondApprover,
    // docs/contract.md §1.1: the daily rate's divisor.
    daysPerYear: p.daysPerYear,
    fineBaseVnd: p.fineBaseVnd.toString(),
    fineLicenseRounding: p.fineLicenseRounding,
    breachDayUsed: p.breachDayUsed,
    // docs/contract.md §2: the ticket clocks' readings and calendar, so a replay counts the same working hours.
    ticketWallClockClasses: [...p.ticketWallClockClasses],
    extraDaysOff: [...p.extraDaysOff],
    extraWorkingDays: [...p.extraWorkingDays],
    // docs/contract.md §4: what a renewal does with money past its fee, as renewals.ts does it.
    excessCredit: p.excessCredit,
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
export async function buildCaseFile(db: Kysely<Database>, contractId: string, policy: Policy, period?: Period, asOf?: Date) {
  const built = await buildCaseFileOf(db, [contractId], policy, { period, asOf });
  return built.contracts.length === 0 ? undefined : built;
}

export type BuiltCaseFile = Awaited<ReturnType<typeof buildCaseFileOf>>;

/**
 * One case file for many contracts (issue #13): each contract's statement in
 * it is the one its own case file gives — the engine judges every outage for
 * each contract covering its component, and no fact of another contract or
 * component enters a contract's lines — but the facts are read once for all,
 * in a dozen queries, and parsed once. Contracts that do not exist are left
 * out. `creditLinesOnly` leaves out outages that can produce no line (only
 * very critical ones do, docs/case-file.md; SLA §C.5), for recomputation: the
 * export keeps them all, for a person to read. With `asOf`, the contracts'
 * tickets come too, their clocks read at that instant (docs/contract.md §2),
 * unless `tickets: false` — tickets earn no money, so recomputation leaves
 * them out; without a period, recurring windows run up to `asOf` (issue #16:
 * the file carries it whenever one is listed). With `onlyOn`, the
 * file holds only the facts on those components — their outages, the windows
 * listing one of them — and no bugs: each contract's outage lines on them are
 * the ones its full case file gives, since an outage line depends on its
 * outage, the contract, the policy and the force majeure and windows on its
 * component alone (docs/contract.md §3; recompute.ts recomputeOnComponents).
 * Breaches (docs/contract.md §1.3) come only when a contract has some.
 */
export async function buildCaseFileOf(
  db: Kysely<Database>,
  contractIds: readonly string[],
  policy: Policy,
  o: { period?: Period; creditLinesOnly?: boolean; asOf?: Date; tickets?: boolean; entries?: EntryMaker; onlyOn?: readonly string[] } = {},
) {
  const { period, entries = freshEntries, onlyOn } = o;
  const contracts = await withRenewals(db, await contractsOf(db, contractIds));
  const components = await db.selectFrom('components').select(['id', 'tier']).orderBy('position').orderBy('id').execute();
  const only = onlyOn === undefined ? undefined : new Set(onlyOn);
  const covered = [...new Set(contracts.flatMap((c) => c.components))].filter((c) => only === undefined || only.has(c));
  const coveredOrNone = covered.length > 0 ? covered : [''];

  let outageQuery = db
    .selectFrom('outages')
    .select(['id', 'component_id', 'impact', 'class_override', 'recorded_by', epochMs('started_at').as('start_ms'), epochMs('ended_at').as('end_ms')])
    .where('ended_at', 'is not', null)
    // docs/contract.md §1.5: a recorded outage withdrawn with a second operator's approval is no fact any more.
    .where('withdrawn_at', 'is', null)
    .where('component_id', 'in', coveredOrNone);
  if (period) outageQuery = outageQuery.where('started_at', '<', period.to).where('ended_at', '>', period.from);
  // Every very critical outage is major or classed very critical: the database leaves out most of the others, isVeryCritical decides.
  if (o.creditLinesOnly) outageQuery = outageQuery.where((eb) => eb.or([eb('impact', '=', 'major_outage'), eb('class_override', '=', 'very_critical')]));
  let outages = await outageQuery.orderBy('started_at').orderBy('id').execute();
  if (o.creditLinesOnly) {
    const tiers = new Map(components.map((c) => [c.id, c.tier]));
    outages = outages.filter((r) => isVeryCritical({ impact: r.impact, class: r.class_override ?? undefined }, tiers.get(r.component_id)!));
  }

  const windowIds = db.selectFrom('maintenance_components').select('window_id').where('component_id', 'in', coveredOrNone);
  const maintenance = await windowsOf(db, (q) => q.where('id', 'in', windowIds), entries);
  const forceMajeure = await db.selectFrom('force_majeure').selectAll().where('withdrawn_at', 'is', null).orderBy('starts_at').orderBy('id').execute();
  const bugs = contracts.length === 0 || only !== undefined ? [] : await db.selectFrom('bugs').select(['id', 'contract_id']).where('contract_id', 'in', contracts.map((c) => c.id)).orderBy('id').execute();
  // Map.groupBy keeps each group in the rows' order: the queries' ORDER BY.
  const occurrences = Map.groupBy(
    bugs.length === 0 ? [] : await db.selectFrom('bug_occurrences').select(['bug_id', 'reported_at', 'fixed_at']).where('bug_id', 'in', bugs.map((b) => b.id)).orderBy('reported_at').orderBy('id').execute(),
    (r) => r.bug_id,
  );
  // docs/contract.md §1.3: a breach is a contract's fact, not a component's, so `onlyOn` leaves them out as it does bugs.
  const breaches = only !== undefined ? [] : await breachesOfContracts(db, contracts.map((c) => c.id), ref.breach);
  // Only a contract that has tickets gets the key: the statement of one without them stays as it was.
  const tickets = o.asOf === undefined || o.tickets === false ? [] : await ticketsOfContracts(db, contracts.map((c) => c.id));
  // docs/case-file.md: without a period, a recurring window's occurrences run up to asOf — the facts known then.
  const recurring = period === undefined && maintenance.some((w) => w.recurrence !== undefined);

  return {
    policy: policyAsCaseFile(policy),
    ...(period ? { period: { from: iso(period.from), to: iso(period.to) } } : {}),
    components: components.map((c) => ({ id: c.id, tier: c.tier })),
    contracts,
    outages: outages.map(entries.outage),
    maintenance,
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
      occurrences: (occurrences.get(b.id) ?? []).map((r) => ({ reportedAt: iso(r.reported_at), ...(r.fixed_at ? { fixedAt: iso(r.fixed_at) } : {}) })),
    })),
    ...(breaches.length === 0 ? {} : { breaches }),
    ...(o.asOf !== undefined && (tickets.length > 0 || recurring) ? { asOf: iso(o.asOf) } : {}),
    ...(tickets.length === 0 ? {} : { tickets }),
  };
}

/**
 * A case file of one maintenance window and the contracts it touches, and no
 * other fact (with a period, a recurring window's occurrences in it): a window's verdict depends on the window, the contract's time
 * zone and the policy alone (docs/contract.md §3.1, §6), so this is all the
 * engine needs to judge it for each contract (issue #13: GET
 * /api/v1/maintenance/:id/verdicts no longer reads a year of facts per
 * contract). A cancelled window is in no case file, so it touches none.
 */
export async function buildWindowCaseFile(db: Kysely<Database>, windowId: number, policy: Policy, period?: Period) {
  const maintenance = await windowsOf(db, (q) => q.where('id', '=', windowId));
  const listed = maintenance[0]?.components ?? [];
  const contractIds =
    listed.length === 0 ? [] : (await db.selectFrom('contract_components').select('contract_id').distinct().where('component_id', 'in', listed).execute()).map((r) => r.contract_id);
  const components = await db.selectFrom('components').select(['id', 'tier']).orderBy('position').orderBy('id').execute();
  // Issue #16: a recurring window is judged per occurrence, those in the period.
  const span = period === undefined ? {} : { period: { from: iso(period.from), to: iso(period.to) } };
  return { policy: policyAsCaseFile(policy), ...span, components, contracts: await contractsOf(db, contractIds), outages: [], maintenance, forceMajeure: [], bugs: [] };
}

/** Contracts as a case file lists them, by id. */
async function contractsOf(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('contracts').select(['id', 'time_zone', 'annual_fee_vnd', 'credit_as']).where('id', 'in', ids).orderBy('id').execute();
  const covered = Map.groupBy(await db.selectFrom('contract_components').selectAll().where('contract_id', 'in', ids).orderBy('component_id').execute(), (r) => r.contract_id);
  const states = Map.groupBy(await db.selectFrom('contract_states').select(['contract_id', 'state', 'effective_at']).where('contract_id', 'in', ids).orderBy('effective_at').execute(), (r) => r.contract_id);
  return rows.map((c) => ({
    id: c.id,
    timeZone: c.time_zone,
    annualFeeVnd: c.annual_fee_vnd,
    components: (covered.get(c.id) ?? []).map((r) => r.component_id),
    states: (states.get(c.id) ?? []).map((s) => ({ state: s.state, from: iso(s.effective_at) })),
    creditAs: c.credit_as,
  }));
}

/**
 * docs/contract.md §4: the renewals made, each at the instant it was made with
 * its fee, so a replay deducts and carries as the ledger did. Only a contract
 * that has renewals gets the key: the statement of one without stays as it was.
 */
async function withRenewals<C extends { id: string }>(db: Kysely<Database>, contracts: C[]): Promise<Array<C & { renewals?: { at: string; feeVnd: string }[] }>> {
  if (contracts.length === 0) return contracts;
  const rows = await db.selectFrom('renewals').select(['contract_id', 'created_at', 'fee_vnd']).where('contract_id', 'in', contracts.map((c) => c.id)).orderBy('created_at').orderBy('id').execute();
  const byContract = Map.groupBy(rows, (r) => r.contract_id);
  return contracts.map((c) => {
    const renewals = byContract.get(c.id);
    return renewals === undefined ? c : { ...c, renewals: renewals.map((r) => ({ at: iso(r.created_at), feeVnd: r.fee_vnd })) };
  });
}

type WindowQuery = ReturnType<typeof windowQuery>;
const windowQuery = (db: QueryCreator<Database>) =>
  db
    .selectFrom('maintenance_windows')
    .select(['id', 'kind', 'starts_at', epochMs('starts_at').as('start_ms'), epochMs('ends_at').as('end_ms'), 'rrule', 'time_zone', 'duration', 'exdates'])
    .where('cancelled_at', 'is', null);

/**
 * Maintenance windows as a case file lists them (cancelled ones never), in
 * start order, in one query: each with its components and its notices' instants
 * (a delivered one's ending in `d`, entry-memo.ts) as JSON lists (issue #13: a recompute reads ~1,050 windows, and three
 * queries of their rows — the later two naming every window id — were a
 * tenth of a write's CPU in the daemon and the database).
 */
async function windowsOf(db: Kysely<Database>, which: (q: WindowQuery) => WindowQuery, entries: EntryMaker = freshEntries) {
  const windows = await db
    .with('w', (qc) => which(windowQuery(qc)))
    .selectFrom('w')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('maintenance_components')
          .select(['window_id', sql<string[]>`json_agg(component_id order by component_id)`.as('components')])
          .where('window_id', 'in', eb.selectFrom('w').select('id'))
          .groupBy('window_id')
          .as('c'),
      (join) => join.onRef('c.window_id', '=', 'w.id'),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('maintenance_notices')
          .select(['window_id', sql<string[]>`json_agg(${epochMs('sent_at')}::text || case when provenance = 'delivered' then 'd' else '' end order by sent_at, id)`.as('notices')])
          .where('window_id', 'in', eb.selectFrom('w').select('id'))
          .groupBy('window_id')
          .as('n'),
      (join) => join.onRef('n.window_id', '=', 'w.id'),
    )
    .select(['w.id', 'w.kind', 'w.start_ms', 'w.end_ms', 'w.rrule', 'w.time_zone', 'w.duration', 'w.exdates', 'c.components', 'n.notices'])
    .orderBy('w.starts_at')
    .orderBy('w.id')
    .execute();
  return windows.map((w) => entries.window(w, w.components ?? [], w.notices ?? []));
}
