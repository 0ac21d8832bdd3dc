// docs/contract.md §5: customer identities, contracts, credits and fines are
// confidential. This seeds every private table (and the private columns of
// public ones: failure messages, evidence, operators' names), then reads every
// public response — each page reachable from the front page in both
// languages, the public and Statuspage JSON, the feeds and the badges — and
// asserts that none of it appears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../daemon/src/auth/token.repository.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { backdateComponents, seedForceMajeure, seedIncident, seedOutage, seedWindow } from '../daemon/src/public/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

const HOUR = 3_600_000;

const SECRETS = {
  customer: 'Công ty Bí Mật Zeta',
  configCustomer: 'Secret Customer JSC',
  contractId: 'c-hidden-42',
  configContractId: 'c-config-77',
  fee: ['555444333', '555.444.333', '555,444,333'],
  configFee: ['987654321', '987.654.321', '987,654,321'],
  credit: ['13579246', '13.579.246', '13,579,246'],
  fine: ['24681357', '24.681.357', '24,681,357'],
  bug: 'Recurring export bug QWERTY',
  failureMessage: 'db-internal.corp',
  failureAddress: '10.20.30.40',
  evidence: 'evidence-scan-of-invoice',
  classReason: 'class-reason-raised-by-ops',
  annotation: 'annotation-internal-note',
  token: 'token-name-ci-deploy',
  // Issue #16: a confidentiality breach (docs/contract.md §1.3) and its ledger line.
  breach: 'breach-customer-records-on-public-bucket',
  breachEvidence: 'breach-forensics-report-FR-77',
  breachAmount: ['11223344', '11.223.344', '11,223,344'],
  // Issue #16: an outage an operator recorded (docs/contract.md §1.5) is public; its reason, evidence and persons are not.
  recordedReason: 'recorded-reason-customer-called',
  recordedEvidence: 'recorded-evidence-isp-notice-991',
  withdrawReason: 'withdraw-reason-wrong-region',
  // Issue #15: a subscriber to the page's e-mail updates, pending or confirmed (private: never public, never in /metrics).
  subscriber: 'subscriber-private@reader.example',
  pendingSubscriber: 'pending-private@reader.example',
  // Issue #15, SLA §C.5: the apology mailed to a contract's contacts, and who approved it.
  apologySubject: 'apology-subject-to-zeta',
  apologyBody: 'apology-body-sorry-zeta-license-QZX',
  apologyContact: 'cfo@zeta-secret.example',
  operators: ['dora-breach-declarer', 'alan-breach-approver', 'mallory-maint', 'nora-notices', 'trent-declarer', 'peggy-approver', 'victor-incidents', 'walter-updates', 'oscar-annotator', 'sybil-ledger', 'ivan-auditor', 'rita-renewals', 'bob-bugs', 'carol-canceller', 'rob-recorder', 'wendy-withdrawer', 'edna-apology-editor', 'abe-apology-approver'],
};
const ALL_SECRETS = Object.values(SECRETS).flat();

describe.each(testDatabaseKinds())('nothing private on a public surface, on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  const responses = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestDaemon(
      kind,
      `
components:
  - { id: app, name: Application, group: Web, tier: core }
  - { id: reports, name: Reports, tier: feature }
contracts:
  - { id: ${SECRETS.configContractId}, customer: "${SECRETS.configCustomer}", annualFeeVnd: "${SECRETS.configFee[0]}", components: [app] }
`,
      { statusSite: true },
    );
    const db = t.db.db;
    const now = Date.now();
    await backdateComponents(db, new Date(now - 30 * 24 * HOUR));

    // Private tables.
    await db.insertInto('contracts').values({ id: SECRETS.contractId, customer: SECRETS.customer, time_zone: 'Asia/Ho_Chi_Minh', annual_fee_vnd: SECRETS.fee[0]!, credit_as: 'license' } as never).execute();
    await db.insertInto('contract_components').values({ contract_id: SECRETS.contractId, component_id: 'app' }).execute();
    for (const [amount, source] of [[SECRETS.credit[0]!, 'outage'], [SECRETS.fine[0]!, 'repeat_bug'], [SECRETS.breachAmount[0]!, 'breach']] as const)
      await db
        .insertInto('ledger_entries')
        .values({
          contract_id: SECRETS.contractId,
          kind: 'credit',
          source,
          ref: `${source}-1`,
          credit_as: 'license',
          license_seconds: '43200',
          amount_vnd: amount,
          policy_version: '1office-sla-2025',
          line: JSON.stringify({ customer: SECRETS.customer, amountVnd: amount }),
          state: 'proposed',
          created_by: 'sybil-ledger',
        } as never)
        .execute();
    await db
      .insertInto('breaches')
      .values({ contract_id: SECRETS.contractId, occurred_at: new Date(now - 3 * HOUR), description: SECRETS.breach, evidence: SECRETS.breachEvidence, declared_by: 'dora-breach-declarer', approved_by: 'alan-breach-approver', approved_at: new Date(now - HOUR) })
      .execute();
    await db.insertInto('bugs').values({ contract_id: SECRETS.contractId, title: SECRETS.bug, created_by: 'bob-bugs' } as never).execute();
    await db
      .insertInto('renewals')
      .values({
        contract_id: SECRETS.contractId,
        idempotency_key: 'renewal-1',
        period_start: new Date(now),
        period_end: new Date(now + 365 * 24 * HOUR),
        fee_vnd: SECRETS.fee[0]!,
        deduction_vnd: SECRETS.credit[0]!,
        amount_vnd: '1',
        license_extension_seconds: '0',
        new_expiry: new Date(now + 365 * 24 * HOUR),
        created_by: 'rita-renewals',
      } as never)
      .execute();
    await db.insertInto('audit_log').values({ actor: 'ivan-auditor', action: 'approve', entity: 'contract', entity_id: SECRETS.contractId, after: JSON.stringify({ customer: SECRETS.customer }) } as never).execute();
    await createToken(db, SECRETS.token, 'admin', SECRETS.operators[0]);
    await db
      .insertInto('subscribers')
      .values([
        { email: SECRETS.subscriber, components: null, lang: 'vi', state: 'confirmed', requested_at: new Date(now - HOUR), created_at: new Date(now - HOUR), confirmed_at: new Date(now - HOUR) },
        { email: SECRETS.pendingSubscriber, components: JSON.stringify(['app']), lang: 'en', state: 'pending', requested_at: new Date(now - HOUR), created_at: new Date(now - HOUR) },
      ])
      .execute();

    // Public tables with private columns.
    const outage = await seedOutage(db, {
      component: 'app',
      impact: 'major_outage',
      startedAt: new Date(now - 5 * HOUR),
      endedAt: new Date(now - 4 * HOUR),
      failureKind: 'refused',
      failureMessage: `connect ECONNREFUSED ${SECRETS.failureAddress}:5432 (${SECRETS.failureMessage})`,
    });
    await db.updateTable('outages').set({ class_override: 'very_critical', class_reason: SECRETS.classReason } as never).where('id', '=', outage).execute();
    const apology = await db
      .insertInto('apologies')
      .values({ contract_id: SECRETS.contractId, outage_id: outage, license_seconds: '43200', subject_vi: SECRETS.apologySubject, body_vi: SECRETS.apologyBody, subject_en: SECRETS.apologySubject, body_en: SECRETS.apologyBody, state: 'approved', created_at: new Date(now - 3 * HOUR), edited_by: 'edna-apology-editor', edited_at: new Date(now - 2 * HOUR), approved_by: 'abe-apology-approver', approved_at: new Date(now - HOUR) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('outbox_messages')
      .values({ idempotency_key: `apology:${apology.id}:${SECRETS.apologyContact}`, channel: 'email', recipient: SECRETS.apologyContact, subject: SECRETS.apologySubject, body_text: SECRETS.apologyBody, body_html: null, cause: `apology:${apology.id}`, next_attempt_at: new Date(now - HOUR), delivered_at: new Date(now - HOUR), state: 'delivered', created_at: new Date(now - HOUR) })
      .execute();
    await db.insertInto('outage_annotations').values({ outage_id: outage, body: SECRETS.annotation, author: 'oscar-annotator' } as never).execute();
    const recorded = await seedOutage(db, { component: 'reports', impact: 'partial_outage', startedAt: new Date(now - 8 * HOUR), endedAt: new Date(now - 7 * HOUR), failureKind: undefined });
    await db
      .updateTable('outages')
      .set({ failure_kind: null, recorded_by: 'rob-recorder', recorded_reason: SECRETS.recordedReason, evidence: SECRETS.recordedEvidence, withdraw_requested_by: 'wendy-withdrawer', withdraw_requested_at: new Date(now - HOUR), withdraw_reason: SECRETS.withdrawReason })
      .where('id', '=', recorded)
      .execute();
    await seedOutage(db, { component: 'reports', impact: 'degraded', startedAt: new Date(now - 2 * HOUR), endedAt: null, failureKind: 'latency', failureMessage: `slow answer from ${SECRETS.failureMessage}` });
    await seedWindow(db, { kind: 'infrastructure', title: 'Network upgrade', startsAt: new Date(now + 48 * HOUR), endsAt: new Date(now + 49 * HOUR), components: ['app'], notices: [new Date(now - HOUR)], createdBy: 'mallory-maint' });
    const cancelled = await seedWindow(db, { kind: 'backup', title: 'Withdrawn', startsAt: new Date(now + 24 * HOUR), endsAt: new Date(now + 25 * HOUR), components: ['app'], cancelledAt: new Date(now - HOUR), createdBy: 'mallory-maint' });
    await db.updateTable('maintenance_windows').set({ cancelled_by: 'carol-canceller' }).where('id', '=', cancelled).execute();
    await db.updateTable('maintenance_notices').set({ recorded_by: 'nora-notices' }).execute();
    await seedForceMajeure(db, { category: 'telecom_cable', description: 'Submarine cable cut', startsAt: new Date(now - 10 * HOUR), endsAt: new Date(now - 9 * HOUR), evidence: SECRETS.evidence, declaredBy: 'trent-declarer', approvedBy: 'peggy-approver' });
    await seedIncident(db, {
      title: 'Application unreachable',
      status: 'resolved',
      impact: 'critical',
      createdAt: new Date(now - 5 * HOUR),
      components: ['app'],
      outageIds: [outage],
      author: 'victor-incidents',
      updates: [
        { status: 'investigating', body: 'We are looking into it.', at: new Date(now - 5 * HOUR) },
        { status: 'resolved', body: 'We apologise: service is back.', at: new Date(now - 4 * HOUR) },
      ],
    });
    await db.updateTable('incident_updates').set({ author: 'walter-updates' }).execute();

    const fixed = [
      '/api/v1/components',
      '/api/v1/outages',
      '/api/v1/public/overview',
      '/api/v1/public/overview?tz=UTC',
      '/api/v1/public/components/app',
      '/api/v1/public/components/reports',
      '/api/v1/public/incidents',
      '/api/v1/public/incidents/1',
      '/api/v1/public/maintenance',
      '/api/v1/public/force-majeure',
      '/api/v2/summary.json',
      '/api/v2/status.json',
      '/api/v2/components.json',
      '/api/v2/incidents.json',
      '/api/v2/incidents/unresolved.json',
      '/api/v2/scheduled-maintenances.json',
      '/api/v2/scheduled-maintenances/upcoming.json',
      '/api/v2/scheduled-maintenances/active.json',
      '/history.atom',
      '/history.rss',
      '/history.atom?lang=en',
      '/history.rss?lang=en',
      '/maintenance.ics',
      '/badge/app/status.svg',
      '/badge/app/uptime-30d.svg',
      '/badge/reports/status.svg',
      '/badge/reports/uptime-30d.svg',
      '/metrics',
      '/subscriptions/requested',
      '/subscriptions/requested?lang=en',
    ];
    for (const path of fixed) await read(path);
    // Every page reachable from the front page, in both languages.
    for (const lang of ['vi', 'en']) {
      const queue = [`/?lang=${lang}`];
      const seen = new Set<string>();
      while (queue.length > 0 && seen.size < 200) {
        const path = queue.shift()!;
        if (seen.has(`${lang}${path}`)) continue;
        seen.add(`${lang}${path}`);
        const body = await read(path, lang);
        for (const [, href] of body.matchAll(/href="(\/[^"#]*)/g)) if (!href!.startsWith('/_astro/')) queue.push(href!.replaceAll('&amp;', '&'));
      }
    }
  });
  afterAll(() => t?.stop());

  async function read(path: string, lang?: string): Promise<string> {
    const response = await fetch(`${t.daemon.url}${path}`, { headers: lang ? { cookie: `lang=${lang}` } : {} });
    const body = await response.text();
    expect(response.status, path).toBeLessThan(500);
    responses.set(`${lang ?? ''} ${path}`, body);
    return body;
  }

  it('read every public surface, the pages through their links', () => {
    const paths = [...responses.keys()];
    for (const page of ['/incidents', '/maintenance', '/force-majeure', '/components/app', '/incidents/1', '/history.atom', '/maintenance.ics'])
      expect(paths.some((p) => p.endsWith(` ${page}`)), page).toBe(true);
    expect(paths.length).toBeGreaterThan(40);
  });

  it('the seeded public facts are there (so the absence below means something)', () => {
    const all = [...responses.values()].join('\n');
    for (const visible of ['Application unreachable', 'We apologise', 'Network upgrade', 'Submarine cable cut', 'refused']) expect(all).toContain(visible);
    // docs/contract.md §1.5: the recorded outage is a fact about the service, listed publicly as the operator's.
    expect(all).toContain('"source":"operator"');
  });

  it.each(ALL_SECRETS)('“%s” appears in no public response', (secret) => {
    const leaks = [...responses].filter(([, body]) => body.toLowerCase().includes(secret.toLowerCase())).map(([path]) => path);
    expect(leaks).toEqual([]);
  });
});
