import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@sla/shared';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

// Issue #16 on the public side: a recurring window seeded by the config (as
// the demo's nightly backup is) shows on the status page as its occurrences of
// the next 7 days, and in maintenance.ics as one RRULE event with its EXDATEs
// and its zone's VTIMEZONE, which ical.js parses and expands back to the same nights.
const NOW = Date.parse('2026-03-10T09:00:00+07:00');
const yaml = `
components:
  - { id: web, name: Web application, tier: core }
maintenance:
  - id: nightly-backup
    kind: backup
    title: Nightly backup
    components: [web]
    startsAt: "2026-01-01T00:30:00+07:00"
    recurrence: { rrule: FREQ=DAILY, timeZone: Asia/Ho_Chi_Minh, duration: PT30M }
  - id: berlin-sundays
    kind: infrastructure
    title: Sunday work in Berlin
    components: [web]
    startsAt: "2026-03-01T23:00:00+01:00"
    recurrence: { rrule: "FREQ=WEEKLY;BYDAY=SU;COUNT=6", timeZone: Europe/Berlin, duration: PT1H }
`;
const dates = (list: Array<{ occurrence?: string; title: string }>, title: string) => list.filter((w) => w.title === title).map((w) => w.occurrence);

describe.each(testDatabaseKinds())('recurring windows on the public side on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  const get = (path: string) => fetch(`${t.daemon.url}${path}`);

  beforeAll(async () => {
    t = await startTestDaemon(kind, yaml, { statusSite: true, clock: { now: () => NOW, monotonic: () => performance.now() } });
    ops = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
  });
  afterAll(() => t?.stop());

  it('is seeded once, however often the config is applied', async () => {
    const parsed = parseConfig(yaml, 'test.yaml');
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    await t.daemon.reload(parsed.config);
    const rows = await t.db.db.selectFrom('maintenance_windows').select(['id', 'seed_id', 'created_by']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 1, seed_id: 'nightly-backup', created_by: 'config' },
      { id: 2, seed_id: 'berlin-sundays', created_by: 'config' },
    ]);
  });

  it('lists the next 7 days’ nights as upcoming, each judged on its own; a skipped night leaves the list', async () => {
    const before = (await (await get('/api/v1/public/maintenance')).json()) as { upcoming: Array<{ occurrence?: string; title: string; valid: boolean; startsAt: string }> };
    expect(dates(before.upcoming, 'Nightly backup')).toEqual(['2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15', '2026-03-16', '2026-03-17']);
    expect(before.upcoming.find((w) => w.occurrence === '2026-03-11')).toMatchObject({ startsAt: '2026-03-10T17:30:00.000Z', valid: true });
    expect((await ops.post('/api/v1/maintenance/1/exceptions', { date: '2026-03-12' })).status).toBe(201);
    const after = (await (await get('/api/v1/public/maintenance')).json()) as typeof before;
    expect(dates(after.upcoming, 'Nightly backup')).toEqual(['2026-03-11', '2026-03-13', '2026-03-14', '2026-03-15', '2026-03-16', '2026-03-17']);
    const html = await (await get('/maintenance')).text();
    expect(html).toContain('id="maintenance-1-2026-03-11"');
    expect(html).not.toContain('id="maintenance-1-2026-03-12"');
  });

  it('is one RRULE event with its EXDATE in maintenance.ics, which ical.js expands to the same nights', async () => {
    const calendar = new ICAL.Component(ICAL.parse(await (await get('/maintenance.ics')).text()));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual(['Nightly backup', 'Sunday work in Berlin']);
    const [backup, berlin] = events as [ICAL.Event, ICAL.Event];
    expect(backup.isRecurring()).toBe(true);
    expect(backup.component.getFirstPropertyValue('rrule')!.toString()).toBe('FREQ=DAILY');
    expect(backup.startDate.zone?.tzid).toBe('Asia/Ho_Chi_Minh');
    const nights: string[] = [];
    const it = backup.iterator();
    for (let next = it.next(); next && nights.length < 73; next = it.next()) nights.push(next.toJSDate().toISOString());
    // 1 January to 14 March, the night of 12 March skipped: 00:30 in Vietnam is 17:30 UTC the evening before.
    expect(nights.at(0)).toBe('2025-12-31T17:30:00.000Z');
    expect(nights).not.toContain('2026-03-11T17:30:00.000Z');
    expect(nights.slice(-3)).toEqual(['2026-03-12T17:30:00.000Z', '2026-03-13T17:30:00.000Z', '2026-03-14T17:30:00.000Z']);
    // Berlin's clock moves on 29 March: 23:00 local is 22:00 UTC before and 21:00 UTC after, as the VTIMEZONE says.
    const sundays: string[] = [];
    const weekly = berlin.iterator();
    for (let next = weekly.next(); next; next = weekly.next()) sundays.push(next.toJSDate().toISOString());
    expect(sundays).toEqual(['2026-03-01T22:00:00.000Z', '2026-03-08T22:00:00.000Z', '2026-03-15T22:00:00.000Z', '2026-03-22T22:00:00.000Z', '2026-03-29T21:00:00.000Z', '2026-04-05T21:00:00.000Z']);
  });
});
