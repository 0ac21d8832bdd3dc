// The feeds parsed back by real parsers (rss-parser for Atom and RSS, ical.js
// for iCalendar), and the SVG badges.
import ICAL from 'ical.js';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { dictionary } from '@sla/shared/status/i18n/index.ts';
import { uptimeFormatter } from '@sla/shared/text/percent.ts';
import { addNotice } from '../daemon/src/maintenance/maintenance.repository.ts';
import { MAX_FRESH_MS } from '../daemon/src/server/page-cache.ts';
import { backdateComponents, seedIncident, seedOutage, seedWindow } from '../daemon/src/public/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { switchableTarget } from './support/switchable-target.ts';

const HOUR = 3_600_000;
/** The whole HTML of an item: Atom <content>, RSS <content:encoded> (its <description> is the one-line summary, issue #19). */
const body = (item: Parser.Item) => ((item as Record<string, unknown>)['content:encoded'] as string | undefined) ?? item.content;

describe.each(testDatabaseKinds())('feeds and badges on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let target: Awaited<ReturnType<typeof switchableTarget>>;
  const get = (path: string) => fetch(`${t.daemon.url}${path}`);
  const ids: Record<string, number> = {};
  const now = Date.now();

  beforeAll(async () => {
    target = await switchableTarget();
    t = await startTestDaemon(
      kind,
      `
components:
  - { id: api, name: Public API, tier: core }
  - { id: web, name: Web <app> & co, tier: core }
monitors:
  - { id: api-http, component: api, kind: http, target: "${target.url}", interval: 1h }
`,
    );
    const db = t.db.db;
    await backdateComponents(db, new Date(now - 40 * 24 * HOUR));
    // 7.2 hours down in the last 30 days: 99.00 % over 720 observed hours.
    await seedOutage(db, { component: 'api', impact: 'major_outage', startedAt: new Date(now - 10 * 24 * HOUR), endedAt: new Date(now - 10 * 24 * HOUR + 7.2 * HOUR) });
    ids.incident = await seedIncident(db, {
      title: 'Login <errors> & timeouts',
      status: 'resolved',
      impact: 'major',
      createdAt: new Date(now - 3 * HOUR),
      components: ['api'],
      updates: [
        { status: 'investigating', body: 'Users see <b>500</b>.', at: new Date(now - 3 * HOUR) },
        { status: 'resolved', body: 'Fixed.', at: new Date(now - 2.5 * HOUR) },
      ],
    });
    ids.window = await seedWindow(db, {
      kind: 'infrastructure',
      title: 'Database upgrade',
      description: 'PostgreSQL minor release.',
      startsAt: new Date(Date.parse('2031-03-12T15:00:00Z')),
      endsAt: new Date(Date.parse('2031-03-12T17:30:00Z')),
      components: ['api', 'web'],
      notices: [new Date(now - HOUR)],
      createdAt: new Date(now - 2 * HOUR),
    });
    ids.cancelled = await seedWindow(db, { kind: 'backup', title: 'Withdrawn backup', startsAt: new Date(now + 24 * HOUR), endsAt: new Date(now + 25 * HOUR), components: ['api'], cancelledAt: new Date(now - HOUR), createdAt: new Date(now - 5 * HOUR) });
  });
  afterAll(async () => {
    await t?.stop();
    await target?.close();
  });

  it.each([
    ['/history.atom', 'application/atom+xml'],
    ['/history.rss', 'application/rss+xml'],
  ])('%s parses back with rss-parser: incidents and maintenance, escaped, newest change first', async (path, type) => {
    const response = await get(`${path}?lang=en`);
    expect(response.headers.get('content-type')).toContain(type);
    const feed = await new Parser().parseString(await response.text());
    expect(feed.title).toBe('Service status: Incidents, Maintenance');
    const titles = feed.items.map((i) => i.title);
    expect(titles).toEqual(['Maintenance: Withdrawn backup (Cancelled)', 'Maintenance: Database upgrade (Scheduled)', 'Login &#60;errors&#62; &#38; timeouts (Resolved)']); // HTML whose text is the title (issue #12)
    const incident = feed.items[2]!;
    expect(incident.link).toBe(`${t.daemon.url}/incidents/${ids.incident}?lang=en`); // the English page (issue #19)
    expect(body(incident)).toContain('Users see &#60;b&#62;500&#60;/b&#62;.');
    expect(body(incident)).toContain('<strong>Resolved</strong> - Fixed.');
    // rss-parser dates an item by when it was first published (RSS dates are whole seconds).
    expect(Math.floor(Date.parse(incident.isoDate!) / 1000)).toBe(Math.floor((now - 3 * HOUR) / 1000));
    expect(body(feed.items[1]!)).toContain('Infrastructure maintenance: 2031-03-12 15:00 UTC – 2031-03-12 17:30 UTC');
  });

  it.each(['/history.atom', '/history.rss'])('%s speaks Vietnamese by default, as the status page does, in the page’s own words', async (path) => {
    const feed = await new Parser().parseString(await (await get(path)).text());
    expect(feed.title).toBe('Trạng thái dịch vụ: Sự cố, Bảo trì');
    expect(feed.items.map((i) => i.title)).toEqual(['Bảo trì: Withdrawn backup (Đã hủy)', 'Bảo trì: Database upgrade (Sắp diễn ra)', 'Login &#60;errors&#62; &#38; timeouts (Đã khắc phục)']);
    expect(body(feed.items[2]!)).toContain('<strong>Đã khắc phục</strong> - Fixed.');
    expect(body(feed.items[1]!)).toContain('Bảo trì hạ tầng: 2031-03-12 15:00 UTC – 2031-03-12 17:30 UTC');
  });

  it('/maintenance.ics parses back with ical.js: one event per window, in UTC, cancelled ones marked', async () => {
    const response = await get('/maintenance.ics');
    expect(response.headers.get('content-type')).toContain('text/calendar');
    const text = await response.text();
    expect(text).toContain('DTSTART:20310312T150000Z');
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => ({ v, e: new ICAL.Event(v) }));
    expect(events.map(({ e }) => e.summary)).toEqual(['Withdrawn backup', 'Database upgrade']);
    const upgrade = events[1]!;
    expect(upgrade.e.uid).toBe(`mnt-${ids.window}@${new URL(t.daemon.url).host}`);
    expect(upgrade.e.startDate.toJSDate().toISOString()).toBe('2031-03-12T15:00:00.000Z');
    expect(upgrade.e.endDate.toJSDate().toISOString()).toBe('2031-03-12T17:30:00.000Z');
    expect(upgrade.e.startDate.zone?.tzid).toBe('UTC');
    expect(upgrade.v.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(upgrade.e.description).toContain('Affected: Public API, Web <app> & co');
    expect(events[0]!.v.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  const upgrade = async () => new ICAL.Event(new ICAL.Component(ICAL.parse(await (await get('/maintenance.ics')).text())).getAllSubcomponents('vevent')[1]!);

  it('/maintenance.ics keeps SEQUENCE when a notice is recorded: the event itself did not change (RFC 5545 §3.8.7.4, issue #19)', async () => {
    const before = await upgrade();
    const at = new Date(t.clock.now());
    expect(await addNotice(t.db.db, ids.window!, at, 'email', 'operator-test', at)).toMatchObject({ id: ids.window });
    t.clock.advance(MAX_FRESH_MS);
    await expect.poll(async () => (await upgrade()).component.getFirstPropertyValue('last-modified')?.toString(), { interval: 20 }).not.toBe(before.component.getFirstPropertyValue('last-modified')?.toString());
    expect((await upgrade()).sequence).toBe(before.sequence);
  });

  it('/maintenance.ics is updated when a window changes: new times, SEQUENCE one higher', async () => {
    const before = await upgrade();
    await t.db.db
      .updateTable('maintenance_windows')
      .set({ starts_at: new Date('2031-03-13T15:00:00Z'), ends_at: new Date('2031-03-13T16:00:00Z'), updated_at: new Date() })
      .where('id', '=', ids.window!)
      .execute();
    t.clock.advance(MAX_FRESH_MS); // past the feed's cache, on the daemon's clock
    // The first reader past it gets the stale copy and starts the render; a later one gets the new feed.
    await expect.poll(async () => (await upgrade()).startDate.toJSDate().toISOString(), { interval: 20 }).toBe('2031-03-13T15:00:00.000Z');
    const after = await upgrade();
    expect(after.uid).toBe(before.uid);
    expect(after.startDate.toJSDate().toISOString()).toBe('2031-03-13T15:00:00.000Z');
    expect(after.sequence).toBe(before.sequence + 1);
  });

  it('badges: status and 30-day uptime as SVG with their text', async () => {
    const status = await get('/badge/web/status.svg');
    expect(status.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await status.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>Web &lt;app&gt; &amp; co: operational</title>'); // badge-maker's entities (issue #12)

    const uptime = await (await get('/badge/api/uptime-30d.svg')).text();
    expect(uptime).toContain('<title>Public API 30d: 99.00%</title>');
    const noData = await (await get('/badge/web/uptime-30d.svg')).text();
    expect(noData).toContain('no data</title>'); // web has no monitor: nobody watched it
    expect((await get('/badge/nope/status.svg')).status).toBe(404);
  });

  it('badges speak Vietnamese with ?lang=vi, write uptime as the page does, and refuse an unknown language (issue #19)', async () => {
    expect(await (await get('/badge/web/status.svg?lang=vi')).text()).toContain('<title>Web &lt;app&gt; &amp; co: hoạt động bình thường</title>');
    const uptime = await (await get('/badge/api/uptime-30d.svg?lang=vi')).text();
    expect(uptime).toContain(`<title>Public API 30 ngày: ${uptimeFormatter('vi-VN', dictionary('vi').uptime.noData)(0.99)}</title>`);
    expect(uptime).toContain('99,00');
    expect(await (await get('/badge/web/uptime-30d.svg?lang=vi')).text()).toContain('không có dữ liệu</title>');
    const refused = await get('/badge/web/status.svg?lang=fr');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { details: string[] } }).error.details.join()).toContain('lang');
  });
});
