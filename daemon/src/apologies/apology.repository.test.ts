import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { recomputeContract } from '../ledger/recompute.ts';
import { listMessages, markDelivered } from '../outbox/outbox.repository.ts';
import { apologyCause, approveApology, editApology, listApologies, statusesOf } from './apology.repository.ts';

// Issue #15, SLA §C.5: the ledger's recompute after a very critical outage closed drafts the
// apology each affected contract is owed; an operator edits and approves it, which queues it.
const NOW = new Date('2026-03-10T00:00:00Z');
const parsed = parseConfig('components:\n  - { id: web, name: Web, tier: core }\n  - { id: api, name: API, tier: core }\n', 'test.yaml');
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const { policy } = parsed.config;

describe.each(testDatabaseKinds())('apologies drafted with the ledger line on %s', (kind) => {
  let opened: OpenedDatabase;
  const db = () => opened.db;
  const recompute = (id: string, at = NOW) => recomputeContract(db(), id, policy, 'engine', at);
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await syncCatalog(db(), parsed.config, new Date('2025-12-01T00:00:00Z'));
    for (const [id, zone, components] of [['C-1', 'Asia/Ho_Chi_Minh', ['web']], ['C-2', 'Asia/Tokyo', ['web', 'api']]] as const) {
      await db().insertInto('contracts').values({ id, customer: `Customer ${id}`, time_zone: zone, annual_fee_vnd: '73000000', credit_as: 'license', updated_at: new Date('2026-01-01T00:00:00Z') }).execute();
      for (const c of components) await db().insertInto('contract_components').values({ contract_id: id, component_id: c }).execute();
      await db().insertInto('contract_states').values({ contract_id: id, state: 'active', effective_at: new Date('2026-01-01T00:00:00Z'), recorded_by: 'test' }).execute();
    }
    await db().insertInto('contract_contacts').values([
      { contract_id: 'C-1', email: 'it@one.example', lang: 'vi', added_by: 'test' },
      { contract_id: 'C-1', email: 'cto@one.example', lang: 'en', added_by: 'test' },
    ]).execute();
  });
  afterAll(() => opened?.close());

  const outage = async (component: string, start: string, end: string | null) =>
    (await db().insertInto('outages').values({ component_id: component, impact: 'major_outage', started_at: new Date(start), ended_at: end === null ? null : new Date(end), monitor_id: null, failure_kind: null, failure_message: null }).returning('id').executeTakeFirstOrThrow()).id;

  it('drafts none while the outage is open, then one per affected contract when it closed, with the line’s license time', async () => {
    const id = await outage('web', '2026-03-02T16:30:00Z', null);
    await recompute('C-1');
    expect(await listApologies(db())).toEqual([]);
    await db().updateTable('outages').set({ ended_at: new Date('2026-03-02T19:00:00Z') }).where('id', '=', id).execute();
    await recompute('C-1');
    await recompute('C-2');
    const drafts = await listApologies(db());
    expect(drafts.map((a) => [a.contract_id, a.outage_id, a.state])).toEqual([
      ['C-2', id, 'draft'],
      ['C-1', id, 'draft'],
    ]);
    const lines = await db().selectFrom('ledger_entries').select(['contract_id', 'license_seconds']).where('ref', '=', `O-${id}`).where('state', '=', 'proposed').orderBy('contract_id').execute();
    expect(drafts.map((a) => a.license_seconds).reverse()).toEqual(lines.map((l) => l.license_seconds));
    const c1 = drafts.find((a) => a.contract_id === 'C-1')!;
    const c2 = drafts.find((a) => a.contract_id === 'C-2')!;
    // 2 h 30 min down: one block, half a day (docs/contract.md §1.1).
    expect(c1.license_seconds).toBe('43200');
    expect(c1.body_en).toContain('from 02/03/2026, 23:30 to 03/03/2026, 02:00 (Asia/Ho_Chi_Minh time)');
    expect(c1.body_en).toContain('extended by 12 hours.');
    expect(c1.body_vi).toContain('được cộng 12 giờ thời hạn');
    // Each on its own contract's clock.
    expect(c2.body_en).toContain('from 03/03/2026, 01:30 to 03/03/2026, 04:00 (Asia/Tokyo time)');
  });

  it('is drafted once per contract and outage: recomputing again adds none', async () => {
    const before = await listApologies(db());
    await recompute('C-1', new Date(NOW.getTime() + 3_600_000));
    expect(await listApologies(db())).toEqual(before);
  });

  it('a line proposed again with a new figure refreshes a draft nobody edited', async () => {
    const before = (await listApologies(db(), { contractId: 'C-2' }))[0]!;
    // The outage turns out to have lasted until 06:00 (Ho Chi Minh time): 5 h 30 min.
    await db().updateTable('outages').set({ ended_at: new Date('2026-03-02T23:00:00Z') }).where('id', '=', before.outage_id).execute();
    await recompute('C-2', new Date(NOW.getTime() + 2 * 3_600_000));
    const after = (await listApologies(db(), { contractId: 'C-2' }))[0]!;
    const [line] = await db().selectFrom('ledger_entries').select('license_seconds').where('contract_id', '=', 'C-2').where('ref', '=', `O-${before.outage_id}`).where('state', '=', 'proposed').execute();
    expect(after.id).toBe(before.id);
    expect(after.license_seconds).toBe(line!.license_seconds);
    expect(after.license_seconds).not.toBe(before.license_seconds);
    expect(after.body_en).toContain('to 03/03/2026, 08:00 (Asia/Tokyo time)');
    await db().updateTable('outages').set({ ended_at: new Date('2026-03-02T19:00:00Z') }).where('id', '=', before.outage_id).execute();
    await recompute('C-2', new Date(NOW.getTime() + 3 * 3_600_000));
  });

  it('an edit is audited, an approval queues it to each contact in their language, and it is sent once all were delivered', async () => {
    const draft = (await listApologies(db(), { contractId: 'C-1' }))[0]!;
    const edited = await editApology(db(), draft.id, { body_en: `${draft.body_en}\nWe are sorry.` }, 'ops-a', NOW);
    expect(edited).toMatchObject({ edited_by: 'ops-a', body_en: `${draft.body_en}\nWe are sorry.` });
    const audit = await db().selectFrom('audit_log').select(['actor', 'action', 'before', 'after']).where('entity', '=', 'apology').execute();
    expect(audit).toEqual([{ actor: 'ops-a', action: 'apology.edit', before: { body_en: draft.body_en }, after: { body_en: `${draft.body_en}\nWe are sorry.` } }]);

    expect(await approveApology(db(), draft.id, 'boss', NOW)).toMatchObject({ state: 'approved', approved_by: 'boss' });
    expect(await approveApology(db(), draft.id, 'boss', NOW)).toBe('not_draft');
    expect(await editApology(db(), draft.id, { body_vi: 'x' }, 'ops-a', NOW)).toBe('not_draft');
    const messages = await listMessages(db(), { cause: apologyCause(draft.id) });
    expect(messages.map((m) => [m.recipient, m.subject, m.body_text])).toEqual([
      ['cto@one.example', draft.subject_en, `${draft.body_en}\nWe are sorry.`],
      ['it@one.example', draft.subject_vi, draft.body_vi],
    ]);
    expect((await statusesOf(db(), [{ id: draft.id, state: 'approved' }])).get(draft.id)).toEqual({ state: 'approved', sentAt: null });
    await markDelivered(db(), messages[0]!.id, new Date('2026-03-10T00:01:00Z'));
    expect((await statusesOf(db(), [{ id: draft.id, state: 'approved' }])).get(draft.id)?.state).toBe('approved');
    await markDelivered(db(), messages[1]!.id, new Date('2026-03-10T00:02:00Z'));
    expect((await statusesOf(db(), [{ id: draft.id, state: 'approved' }])).get(draft.id)).toEqual({ state: 'sent', sentAt: new Date('2026-03-10T00:02:00Z') });
    // What was approved and sent stays as it was, whatever the line does next.
    await db().updateTable('outages').set({ ended_at: new Date('2026-03-02T23:00:00Z') }).where('id', '=', draft.outage_id).execute();
    await recompute('C-1', new Date(NOW.getTime() + 4 * 3_600_000));
    expect((await listApologies(db(), { contractId: 'C-1' }))[0]).toMatchObject({ license_seconds: draft.license_seconds, body_en: `${draft.body_en}\nWe are sorry.`, state: 'approved' });
  });

  it('is not approved for an outage since withdrawn (docs/contract.md §1.5)', async () => {
    const id = await outage('web', '2026-03-05T01:00:00Z', '2026-03-05T04:00:00Z');
    await recompute('C-1');
    const draft = (await listApologies(db(), { contractId: 'C-1' })).find((a) => a.outage_id === id)!;
    expect(draft.state).toBe('draft');
    await db().updateTable('outages').set({ recorded_by: 'ops-a', withdraw_requested_by: 'ops-a', withdraw_requested_at: NOW, withdraw_reason: 'recorded twice', withdrawn_at: NOW, withdrawn_by: 'boss' }).where('id', '=', id).execute();
    expect(await approveApology(db(), draft.id, 'boss', NOW)).toBe('withdrawn');
    expect(await listMessages(db(), { cause: apologyCause(draft.id) })).toEqual([]);
  });

  it('is not approved for a contract without contacts: no one to send it to', async () => {
    const draft = (await listApologies(db(), { contractId: 'C-2' }))[0]!;
    expect(await approveApology(db(), draft.id, 'boss', NOW)).toBe('no_contacts');
    expect((await listApologies(db(), { contractId: 'C-2' }))[0]!.state).toBe('draft');
  });
});
