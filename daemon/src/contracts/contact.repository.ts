import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/database.ts';

export interface Contact {
  email: string;
  lang: 'vi' | 'en';
}

export async function listContacts(db: Db, contractId: string): Promise<Contact[]> {
  return db.selectFrom('contract_contacts').select(['email', 'lang']).where('contract_id', '=', contractId).orderBy('email').execute();
}

/** Adds or updates (the language) a contact; audited, like every write. */
export async function putContact(db: Db, contractId: string, contact: Contact, actor: string): Promise<Contact[]> {
  return db.transaction().execute(async (tx) => {
    await tx
      .insertInto('contract_contacts')
      .values({ contract_id: contractId, email: contact.email, lang: contact.lang, added_by: actor })
      .onConflict((oc) => oc.columns(['contract_id', 'email']).doUpdateSet({ lang: contact.lang }))
      .execute();
    await recordAudit(tx, { actor, action: 'contract.contact.put', entity: 'contract', entityId: contractId, after: contact });
    return listContacts(tx, contractId);
  });
}

export async function removeContact(db: Db, contractId: string, email: string, actor: string): Promise<Contact[] | 'unknown'> {
  return db.transaction().execute(async (tx) => {
    const gone = await tx.deleteFrom('contract_contacts').where('contract_id', '=', contractId).where('email', '=', email).executeTakeFirst();
    if (gone.numDeletedRows === 0n) return 'unknown';
    await recordAudit(tx, { actor, action: 'contract.contact.remove', entity: 'contract', entityId: contractId, before: { email } });
    return listContacts(tx, contractId);
  });
}

/** Every contact of every contract covering one of `components`, with the contract's time zone. */
export async function contactsCovering(db: Db, components: string[]): Promise<Array<Contact & { contractId: string; timeZone: string }>> {
  if (components.length === 0) return [];
  return db
    .selectFrom('contract_contacts as k')
    .innerJoin('contracts as c', 'c.id', 'k.contract_id')
    .select(['k.contract_id as contractId', 'k.email', 'k.lang', 'c.time_zone as timeZone'])
    .where((eb) => eb.exists(eb.selectFrom('contract_components as cc').select('cc.contract_id').whereRef('cc.contract_id', '=', 'k.contract_id').where('cc.component_id', 'in', components)))
    .orderBy('k.contract_id')
    .orderBy('k.email')
    .execute();
}
