import type { ContractState, CreditAs } from '@sla/shared';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';

export interface ContractInput {
  id: string;
  customer: string;
  timeZone: string;
  annualFeeVnd: string;
  components: string[];
  creditAs: CreditAs;
  states: Array<{ state: ContractState; from: Date }>;
  licenseExpiresAt?: Date | null;
  renewalAt?: Date | null;
}

export type ContractChange = Partial<Omit<ContractInput, 'id' | 'states'>>;

/** A contract with its components and dated states, as the API shows it (private). */
export async function getContract(db: Kysely<Database>, id: string) {
  const c = await db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst();
  if (c === undefined) return undefined;
  const components = await db.selectFrom('contract_components').select('component_id').where('contract_id', '=', id).orderBy('component_id').execute();
  const states = await db.selectFrom('contract_states').selectAll().where('contract_id', '=', id).orderBy('effective_at').execute();
  return {
    id: c.id,
    customer: c.customer,
    timeZone: c.time_zone,
    annualFeeVnd: c.annual_fee_vnd,
    creditAs: c.credit_as,
    components: components.map((r) => r.component_id),
    states: states.map((s) => ({ state: s.state, from: s.effective_at.toISOString(), recordedBy: s.recorded_by })),
    licenseExpiresAt: c.license_expires_at?.toISOString() ?? null,
    renewalAt: c.renewal_at?.toISOString() ?? null,
  };
}

export type ContractView = NonNullable<Awaited<ReturnType<typeof getContract>>>;

export async function listContractIds(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('contracts').select('id').orderBy('id').execute()).map((r) => r.id);
}

export async function createContract(db: Kysely<Database>, input: ContractInput, actor: string): Promise<ContractView> {
  return db.transaction().execute(async (tx) => {
    await tx
      .insertInto('contracts')
      .values({
        id: input.id,
        customer: input.customer,
        time_zone: input.timeZone,
        annual_fee_vnd: input.annualFeeVnd,
        credit_as: input.creditAs,
        license_expires_at: input.licenseExpiresAt ?? null,
        renewal_at: input.renewalAt ?? null,
        updated_at: new Date(),
      })
      .execute();
    if (input.components.length > 0)
      await tx.insertInto('contract_components').values(input.components.map((component_id) => ({ contract_id: input.id, component_id }))).execute();
    if (input.states.length > 0)
      await tx
        .insertInto('contract_states')
        .values(input.states.map((s) => ({ contract_id: input.id, state: s.state, effective_at: s.from, recorded_by: actor })))
        .execute();
    const after = (await getContract(tx, input.id))!;
    await recordAudit(tx, { actor, action: 'contract.create', entity: 'contract', entityId: input.id, after });
    return after;
  });
}

export async function changeContract(db: Kysely<Database>, id: string, change: ContractChange, actor: string): Promise<ContractView | undefined> {
  return db.transaction().execute(async (tx) => {
    const before = await getContract(tx, id);
    if (before === undefined) return undefined;
    await tx
      .updateTable('contracts')
      .set({
        ...(change.customer !== undefined ? { customer: change.customer } : {}),
        ...(change.timeZone !== undefined ? { time_zone: change.timeZone } : {}),
        ...(change.annualFeeVnd !== undefined ? { annual_fee_vnd: change.annualFeeVnd } : {}),
        ...(change.creditAs !== undefined ? { credit_as: change.creditAs } : {}),
        ...(change.licenseExpiresAt !== undefined ? { license_expires_at: change.licenseExpiresAt } : {}),
        ...(change.renewalAt !== undefined ? { renewal_at: change.renewalAt } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    if (change.components !== undefined) {
      await tx.deleteFrom('contract_components').where('contract_id', '=', id).execute();
      if (change.components.length > 0)
        await tx.insertInto('contract_components').values(change.components.map((component_id) => ({ contract_id: id, component_id }))).execute();
    }
    const after = (await getContract(tx, id))!;
    await recordAudit(tx, { actor, action: 'contract.change', entity: 'contract', entityId: id, before, after });
    return after;
  });
}

/** Terms §2: a state takes effect at an instant; the history is kept, never rewritten. */
export async function addContractState(db: Kysely<Database>, id: string, state: ContractState, effectiveAt: Date, actor: string): Promise<'ok' | 'not_found' | 'exists'> {
  return db.transaction().execute(async (tx) => {
    const exists = await tx.selectFrom('contracts').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    if (exists === undefined) return 'not_found';
    const clash = await tx.selectFrom('contract_states').select('state').where('contract_id', '=', id).where('effective_at', '=', effectiveAt).executeTakeFirst();
    if (clash !== undefined) return 'exists';
    await tx.insertInto('contract_states').values({ contract_id: id, state, effective_at: effectiveAt, recorded_by: actor }).execute();
    await recordAudit(tx, { actor, action: 'contract.state', entity: 'contract', entityId: id, after: { state, effectiveAt } });
    return 'ok';
  });
}

/** Config as code seeds contracts the database does not have yet; after that the database (and its audit log) is the record. */
export async function seedContracts(db: Kysely<Database>, contracts: ContractInput[]): Promise<string[]> {
  const seeded: string[] = [];
  for (const c of contracts) {
    const exists = await db.selectFrom('contracts').select('id').where('id', '=', c.id).executeTakeFirst();
    if (exists !== undefined) continue;
    await createContract(db, c, 'config');
    seeded.push(c.id);
  }
  return seeded;
}
