import type { Db } from '../db/database.ts';
import { enqueue } from './outbox.repository.ts';

/** What the contacts of the affected contracts are told, in each language (an operator's words). */
export interface SecurityMessage {
  subject: { vi: string; en: string };
  body: { vi: string; en: string };
}

export const securityCause = (incidentId: number) => `security:${incidentId}`;

/**
 * Privacy policy, terms §4–5 (docs/contract.md §5): the contacts of every
 * contract a security violation affects are told, each in their language,
 * through the outbox in the transaction that posts the public incident —
 * so the incident is never on the page without its e-mails queued, nor
 * the reverse. One message per address, even for a contact of two
 * affected contracts. Returns how many were queued.
 */
export async function tellSecurityViolation(db: Db, incidentId: number, contracts: readonly string[], message: SecurityMessage, now: Date): Promise<number> {
  const contacts = await db.selectFrom('contract_contacts').select(['email', 'lang']).where('contract_id', 'in', [...contracts]).orderBy('email').execute();
  const byEmail = new Map(contacts.map((c) => [c.email, c.lang]));
  await enqueue(
    db,
    [...byEmail].map(([email, lang]) => ({
      idempotency_key: `${securityCause(incidentId)}:${email}`,
      channel: 'email' as const,
      recipient: email,
      subject: message.subject[lang],
      body_text: message.body[lang],
      body_html: null,
      cause: securityCause(incidentId),
    })),
    now,
  );
  return byEmail.size;
}
