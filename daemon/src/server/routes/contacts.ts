import { z } from 'zod';
import { getContract } from '../../contracts/contract.repository.ts';
import { listContacts, putContact, removeContact } from '../../contracts/contact.repository.ts';
import { ApiError } from '../api-error.ts';
import type { App } from '../app-type.ts';
import type { ServerDeps } from '../deps.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';

const email = z.email({ error: 'must be an e-mail address' }).max(254);
const lang = z.enum(['vi', 'en']);
const contact = z.strictObject({ email, lang: lang.default('vi') });
/** Every contact route answers the contract's whole list (issue #19). */
const contactsView = z.strictObject({ contacts: z.array(z.strictObject({ email: z.string(), lang })) });

export const contactSpecs = {
  list: { method: 'get', path: '/api/v1/contracts/:id/contacts', role: 'viewer', summary: "The contract's notice contacts (private)", cli: ['contacts', 'list'], response: contactsView },
  add: { method: 'post', path: '/api/v1/contracts/:id/contacts', role: 'operator', summary: 'Add a notice contact, or change its language (issue #15)', cli: ['contacts', 'add'], body: contact, response: contactsView },
  remove: { method: 'post', path: '/api/v1/contracts/:id/contacts/remove', role: 'operator', summary: 'Remove a notice contact', cli: ['contacts', 'remove'], body: z.strictObject({ email }), response: contactsView },
} as const satisfies Record<string, RouteSpec>;

/** Notice contacts (issue #15): who is told about the contract's maintenance (SLA §C.1). Private. */
export function contactsRoute(app: App, deps: ServerDeps): void {
  const contract = async (id: string) => {
    if ((await getContract(deps.db, id)) === undefined) throw new ApiError('not_found', `no contract ${id}`);
    return id;
  };
  on(app, deps.db, contactSpecs.list, async (c) => reply(c, contactSpecs.list, { contacts: await listContacts(deps.db, await contract(c.req.param('id')!)) }));
  on(app, deps.db, contactSpecs.add, async (c, { body }) => reply(c, contactSpecs.add, { contacts: await putContact(deps.db, await contract(c.req.param('id')!), body, c.get('actor').name) }));
  on(app, deps.db, contactSpecs.remove, async (c, { body }) => {
    const contacts = await removeContact(deps.db, await contract(c.req.param('id')!), body.email, c.get('actor').name);
    if (contacts === 'unknown') throw new ApiError('not_found', `no contact ${body.email}`);
    return reply(c, contactSpecs.remove, { contacts });
  });
}
