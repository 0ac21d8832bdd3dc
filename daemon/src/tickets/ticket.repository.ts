import { ticketLine, workingCalendar, type Policy, type TicketLine } from '@sla/shared';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { TicketTable } from './ticket.table.ts';

// Issue #16: tickets as operators record them, and each deadline's standing
// now, computed by the engine's own clocks (docs/contract.md §2).

type Row = Selectable<TicketTable>;
export const TICKET_INSTANTS = ['confirmedAt', 'firstResponseAt', 'acknowledgedAt', 'resolvedAt'] as const;
export type TicketInstant = (typeof TICKET_INSTANTS)[number];
const COLUMN = { confirmedAt: 'confirmed_at', firstResponseAt: 'first_response_at', acknowledgedAt: 'acknowledged_at', resolvedAt: 'resolved_at' } as const;

export interface NewTicket {
  contract: string;
  title: string;
  class: Row['class'];
  channel: Row['channel'];
  receivedAt: Date;
}

const seconds = (d: Date | null) => (d === null ? undefined : Math.floor(d.getTime() / 1000));
const iso = (s: number) => new Date(s * 1000).toISOString();

/** A row as a case file lists it (docs/case-file.md `tickets`), with `ref` as the case builder names it. */
export function ticketAsCaseFile(r: Row) {
  return {
    id: `T-${r.id}`,
    contract: r.contract_id,
    class: r.class,
    channel: r.channel,
    receivedAt: r.received_at.toISOString(),
    ...Object.fromEntries(TICKET_INSTANTS.flatMap((k) => (r[COLUMN[k]] === null ? [] : [[k, r[COLUMN[k]]!.toISOString()]]))),
  };
}

function view(r: Row, line: TicketLine) {
  return {
    id: r.id,
    contract: r.contract_id,
    title: r.title,
    class: r.class,
    channel: r.channel,
    receivedAt: r.received_at.toISOString(),
    ...Object.fromEntries(TICKET_INSTANTS.map((k) => [k, r[COLUMN[k]]?.toISOString() ?? null])),
    createdBy: r.created_by,
    deadlines: line.deadlines.map((d) => ({ deadline: d.deadline, dueAt: iso(d.dueAt), outcome: d.outcome, ...(d.secondsLeft === undefined ? {} : { secondsLeft: d.secondsLeft }) })),
  };
}

export type TicketView = ReturnType<typeof view>;

/** Each ticket with its deadlines as they stand at `now`, on its contract's clock. */
async function views(db: Kysely<Database>, rows: readonly Row[], policy: Policy, now: Date): Promise<TicketView[]> {
  if (rows.length === 0) return [];
  const zones = new Map((await db.selectFrom('contracts').select(['id', 'time_zone']).where('id', 'in', [...new Set(rows.map((r) => r.contract_id))]).execute()).map((c) => [c.id, c.time_zone]));
  const calendars = new Map<string, ReturnType<typeof workingCalendar>>();
  const wallClockClasses = new Set<string>(policy.ticketWallClockClasses);
  return rows.map((r) => {
    const zone = zones.get(r.contract_id)!;
    let calendar = calendars.get(zone);
    if (calendar === undefined) {
      calendar = workingCalendar(zone, policy);
      calendars.set(zone, calendar);
    }
    const ticket = { id: `T-${r.id}`, contract: r.contract_id, class: r.class, channel: r.channel, receivedAt: seconds(r.received_at)!, confirmedAt: seconds(r.confirmed_at), firstResponseAt: seconds(r.first_response_at), acknowledgedAt: seconds(r.acknowledged_at), resolvedAt: seconds(r.resolved_at) };
    return view(r, ticketLine(ticket, { calendar, wallClockClasses, asOf: Math.floor(now.getTime() / 1000) }));
  });
}

export async function getTicket(db: Kysely<Database>, id: number, policy: Policy, now: Date): Promise<TicketView | undefined> {
  const row = await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : (await views(db, [row], policy, now))[0];
}

/** Tickets by receipt, newest first; of one contract, or received since an instant, when given. */
export async function listTickets(db: Kysely<Database>, policy: Policy, now: Date, filter: { contract?: string; receivedSince?: Date } = {}): Promise<TicketView[]> {
  let query = db.selectFrom('tickets').selectAll();
  if (filter.contract !== undefined) query = query.where('contract_id', '=', filter.contract);
  if (filter.receivedSince !== undefined) query = query.where('received_at', '>=', filter.receivedSince);
  return views(db, await query.orderBy('received_at', 'desc').orderBy('id', 'desc').execute(), policy, now);
}

export async function createTicket(db: Kysely<Database>, t: NewTicket, actor: string, policy: Policy, now: Date): Promise<TicketView> {
  return db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('tickets')
      .values({ contract_id: t.contract, title: t.title, class: t.class, channel: t.channel, received_at: t.receivedAt, created_by: actor })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = (await getTicket(tx, id, policy, now))!;
    await recordAudit(tx, { actor, action: 'ticket.create', entity: 'ticket', entityId: id, after });
    return after;
  });
}

export type RecordOutcome = TicketView | 'not_found' | { conflict: TicketInstant[] } | { problems: string[] };

/**
 * Records instants a ticket's clocks read. An instant once recorded is not
 * changed (409): a clock's outcome must not move silently. Each instant must
 * follow the one its clock starts from (docs/contract.md §2).
 */
export async function recordTicketInstants(db: Kysely<Database>, id: number, given: Partial<Record<TicketInstant, Date>>, actor: string, policy: Policy, now: Date): Promise<RecordOutcome> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (row === undefined) return 'not_found';
    const conflict = TICKET_INSTANTS.filter((k) => given[k] !== undefined && row[COLUMN[k]] !== null);
    if (conflict.length > 0) return { conflict };
    const problems = orderProblems(row, given);
    if (problems.length > 0) return { problems };
    const before = Object.fromEntries(TICKET_INSTANTS.filter((k) => given[k] !== undefined).map((k) => [k, null]));
    const set = Object.fromEntries(TICKET_INSTANTS.filter((k) => given[k] !== undefined).map((k) => [COLUMN[k], given[k]!]));
    await tx.updateTable('tickets').set(set).where('id', '=', id).execute();
    await recordAudit(tx, { actor, action: 'ticket.record', entity: 'ticket', entityId: id, before, after: Object.fromEntries(Object.keys(before).map((k) => [k, given[k as TicketInstant]])) });
    return (await getTicket(tx, id, policy, now))!;
  });
}

/**
 * The case file's order (docs/case-file.md), checked on the ticket as it would
 * be, so the stored facts always export as a valid case file: a confirmation
 * recorded after an earlier acknowledgement is refused as well.
 */
function orderProblems(row: Row, given: Partial<Record<TicketInstant, Date>>): string[] {
  const value = (k: TicketInstant) => given[k] ?? row[COLUMN[k]] ?? undefined;
  const confirmed = value('confirmedAt');
  const problems: string[] = [];
  for (const k of TICKET_INSTANTS) {
    const at = given[k];
    if (at === undefined) continue;
    if (at < row.received_at) problems.push(`${k}: before receivedAt`);
    else if ((k === 'acknowledgedAt' || k === 'resolvedAt') && confirmed !== undefined && at < confirmed) problems.push(`${k}: before confirmedAt`);
  }
  if (given.confirmedAt !== undefined) {
    for (const k of ['acknowledgedAt', 'resolvedAt'] as const) {
      const recorded = row[COLUMN[k]];
      if (recorded !== null && recorded < given.confirmedAt) problems.push(`confirmedAt: after the recorded ${k}`);
    }
  }
  return problems;
}

/** The tickets of some contracts as a case file lists them (docs/case-file.md), by receipt. */
export async function ticketsOfContracts(db: Kysely<Database>, contractIds: readonly string[]) {
  if (contractIds.length === 0) return [];
  const rows = await db.selectFrom('tickets').selectAll().where('contract_id', 'in', contractIds).orderBy('received_at').orderBy('id').execute();
  return rows.map(ticketAsCaseFile);
}
