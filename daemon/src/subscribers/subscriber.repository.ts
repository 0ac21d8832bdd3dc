import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { SubscriberLang, SubscriberTable } from './subscriber.table.ts';

export type Subscriber = Selectable<SubscriberTable>;

/**
 * Issue #15, double opt-in: a request for an address nobody holds makes a
 * pending subscriber; a pending one's choice (components, language) is
 * replaced; an unsubscribed one starts again as pending with a new request
 * instant (a new confirmation message). A confirmed subscription is left as
 * it is: an unconfirmed request must not change what someone else receives.
 * Returns the subscriber to mail a confirmation to, or undefined.
 */
export async function requestSubscription(db: Db, r: { email: string; components: string[] | null; lang: SubscriberLang }, now: Date): Promise<Subscriber | undefined> {
  const email = r.email.toLowerCase();
  const components = r.components === null ? null : JSON.stringify([...new Set(r.components)].sort());
  const known = await db.selectFrom('subscribers').selectAll().where('email', '=', email).forUpdate().executeTakeFirst();
  if (known === undefined) {
    return db
      .insertInto('subscribers')
      .values({ email, components, lang: r.lang, state: 'pending', requested_at: now, created_at: now })
      .onConflict((oc) => oc.column('email').doNothing())
      .returningAll()
      .executeTakeFirst();
  }
  if (known.state === 'confirmed') return undefined;
  const requested_at = known.state === 'unsubscribed' ? now : known.requested_at;
  return db
    .updateTable('subscribers')
    .set({ components, lang: r.lang, state: 'pending', requested_at, unsubscribed_at: null })
    .where('id', '=', known.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getSubscriber(db: Db, id: string): Promise<Subscriber | undefined> {
  return db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A pending subscriber confirms (again: no change); an unsubscribed one must ask again. */
export async function confirmSubscriber(db: Db, id: string, now: Date): Promise<Subscriber | undefined> {
  await db.updateTable('subscribers').set({ state: 'confirmed', confirmed_at: now }).where('id', '=', id).where('state', '=', 'pending').execute();
  return getSubscriber(db, id);
}

export async function unsubscribe(db: Db, id: string, now: Date): Promise<Subscriber | undefined> {
  await db.updateTable('subscribers').set({ state: 'unsubscribed', unsubscribed_at: now }).where('id', '=', id).where('state', '!=', 'unsubscribed').execute();
  return getSubscriber(db, id);
}

/** Confirmed subscribers who receive news of any of `components` (those of every component always). */
export async function confirmedSubscribersOf(db: Db, components: string[]): Promise<Subscriber[]> {
  const confirmed = await db.selectFrom('subscribers').selectAll().where('state', '=', 'confirmed').orderBy('id').execute();
  return confirmed.filter((s) => s.components === null || s.components.some((c) => components.includes(c)));
}
