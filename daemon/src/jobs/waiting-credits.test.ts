import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContract } from '../contracts/contract.repository.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { listMessages } from '../outbox/outbox.repository.ts';
import { alertWaitingCredits } from './waiting-credits.ts';

const parsed = parseConfig(
  'components:\n  - { id: app, name: App, tier: core }\nnotify:\n  alerts:\n    - { id: chat, events: [credit.waiting], to: { slack: { urlEnv: SLA_SLACK_URL } } }\n',
  'credits.yaml',
  { SLA_SLACK_URL: 'http://127.0.0.1:9/x' },
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const routes = parsed.config.notify.alerts;
const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-07T03:00:00Z');

// Issue #15: a credit the engine proposed and nobody decided for more than 24 h tells the operators, once.
describe.each(testDatabaseKinds())('the waiting credit job, on %s', (kind) => {
  let t: OpenedDatabase;
  const ids: number[] = [];
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await t.db.insertInto('components').values({ id: 'app', name: 'App', group_name: null, tier: 'core', description: null, position: 0, updated_at: new Date(T0) }).execute();
    await createContract(t.db, { id: 'C-WAIT', customer: 'Công ty Bí Mật', timeZone: 'Asia/Ho_Chi_Minh', annualFeeVnd: '36500000', components: ['app'], creditAs: 'renewal', states: [{ state: 'active', from: new Date('2025-01-01T00:00:00Z') }] }, 'ops-a');
    for (const [ref, state, hoursAgo] of [['old', 'proposed', 25], ['fresh', 'proposed', 1], ['decided', 'approved', 30]] as const) {
      const row = await t.db
        .insertInto('ledger_entries')
        .values({
          contract_id: 'C-WAIT', kind: 'credit', source: 'outage', ref, occurrence: null, credit_as: 'renewal', license_seconds: '0', amount_vnd: '1234567',
          policy_version: 'test', line: JSON.stringify({ ref }), reverses_id: null, state, created_by: 'engine', created_at: new Date(T0 - hoursAgo * HOUR),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
  });
  afterAll(() => t?.close());

  it('alerts once for the proposal older than 24 h, in Vietnamese, as Slack JSON without the customer or the amount', async () => {
    await alertWaitingCredits(t.db, routes, new Date(T0));
    await alertWaitingCredits(t.db, routes, new Date(T0 + HOUR));
    const sent = await listMessages(t.db, { cause: 'alert:credit.waiting' });
    expect(sent.map((m) => [m.idempotency_key, m.channel, m.recipient])).toEqual([[`alert:credit.waiting:${ids[0]}:chat`, 'slack', 'chat']]);
    const body = JSON.parse(sent[0]!.body_text);
    expect(body.text).toBe(`Khoản bồi hoàn #${ids[0]} chờ duyệt\nHợp đồng C-WAIT: đề xuất từ 2026-12-06T02:00:00.000Z, quá 24 giờ chưa được duyệt.`);
    expect(body.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: expect.stringContaining('C-WAIT') } }]);
    expect(sent[0]!.body_text).not.toMatch(/Bí Mật|1234567|1\.234\.567/);
  });
});
