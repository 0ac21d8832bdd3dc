import ICAL from 'ical.js';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../../daemon/src/db/testing.ts';
import { waitFor } from '../support/daemon-process.ts';
import { startTestDaemon } from '../support/in-process-daemon.ts';
import { operator } from '../support/operator-client.ts';

// Operator-written text carrying the script payloads of issue #12, in Vietnamese and English.
const COMPONENT = 'Cổng <img src=x onerror=alert(1)> Portal';
const TEXT = {
  incidentVi: 'Lỗi đăng nhập <img src=x onerror=alert(1)>',
  incidentViBody: 'Khách hàng thấy "><svg onload=alert(1)> và <a href="javascript:alert(1)">bấm vào đây</a>',
  updateVi: '<script>alert(1)</script> đã tìm ra nguyên nhân',
  incidentEn: 'Checkout down "><svg onload=alert(1)>',
  incidentEnBody: '<script>alert(1)</script> see <a href="javascript:alert(1)">details</a>',
  maintenance: 'Bảo trì <script>alert(1)</script> upgrade',
  maintenanceBody: '<img src=x onerror=alert(1)> notes: <a href="javascript:alert(1)">here</a>',
  forceMajeure: 'Mất điện "><svg onload=alert(1)> power cut',
};

/** Markup a browser or feed reader would run, in any of the payloads' shapes (the page's own script tag is not one). */
const LIVE = [/<script\b[^>]*>\s*alert\(/i, /<img\b[^>]*\bonerror\s*=/i, /<svg\b[^>]*\bonload\s*=/i, /\bhref\s*=\s*["']?\s*javascript:/i];
const live = (html: string) => LIVE.filter((re) => re.test(html)).map(String);

/** The text a reader sees: entities decoded (enough for what Astro and the feeds emit). */
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos|#39);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!);
/** Page text without its tags, entities decoded: where a title must appear whole. */
const visible = (html: string) => decode(html.replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<[^>]+>/g, ''));

/**
 * Issue #12, reliability suite: hostile operator text is shown as text on
 * the status page (vi and en), in the Atom and RSS feeds and in the
 * iCalendar feed — never as markup a reader would run.
 */
describe.each(testDatabaseKinds())('script payloads in operator text on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  const ids: Record<string, number> = {};
  const get = async (path: string) => (await fetch(`${t.daemon.url}${path}`)).text();

  beforeAll(async () => {
    t = await startTestDaemon(kind, `components:\n  - { id: app, name: "${COMPONENT.replace(/"/g, '\\"')}", tier: core }\n`, { statusSite: true });
    const ops = await operator(t.db.db, t.daemon.url, 'ops', 'operator');
    const approver = await operator(t.db.db, t.daemon.url, 'approver', 'approver');
    const ok = async (p: Promise<{ status: number; body: any }>) => {
      const r = await p;
      if (r.status >= 300) throw new Error(`fixture refused (${r.status}): ${JSON.stringify(r.body)}`);
      return r.body;
    };
    // Data first, pages after: nothing is rendered (and cached) before it exists.
    ids.vi = (await ok(ops.post('/api/v1/incidents', { title: TEXT.incidentVi, impact: 'major', body: TEXT.incidentViBody, components: ['app'] }))).id;
    await ok(ops.post(`/api/v1/incidents/${ids.vi}/updates`, { status: 'identified', body: TEXT.updateVi }));
    ids.en = (await ok(ops.post('/api/v1/incidents', { title: TEXT.incidentEn, impact: 'minor', body: TEXT.incidentEnBody, components: ['app'] }))).id;
    const startsAt = Date.now() + 86_400_000;
    ids.window = (await ok(ops.post('/api/v1/maintenance', { kind: 'backup', title: TEXT.maintenance, description: TEXT.maintenanceBody, components: ['app'], startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3_600_000).toISOString() }))).id;
    await ok(ops.post(`/api/v1/maintenance/${ids.window}/notices`, { sentAt: new Date().toISOString(), channel: 'status_page' }));
    const fm = await ok(ops.post('/api/v1/force-majeure', { category: 'power_failure', description: TEXT.forceMajeure, evidence: 'https://evn.example/notice', components: ['app'], startsAt: new Date(Date.now() - 7_200_000).toISOString(), endsAt: new Date(Date.now() - 3_600_000).toISOString() }));
    await ok(approver.post(`/api/v1/force-majeure/${fm.id}/approve`));
  }, 120_000);
  afterAll(() => t?.stop());

  const pages = () => [
    ['/', [TEXT.incidentVi, TEXT.incidentEn, TEXT.maintenance, COMPONENT]],
    ['/incidents', [TEXT.incidentVi, TEXT.incidentEn]],
    [`/incidents/${ids.vi}`, [TEXT.incidentVi, TEXT.incidentViBody, TEXT.updateVi]],
    [`/incidents/${ids.en}`, [TEXT.incidentEn, TEXT.incidentEnBody]],
    ['/maintenance', [TEXT.maintenance, TEXT.maintenanceBody]],
    ['/force-majeure', [TEXT.forceMajeure]],
    ['/components/app', [COMPONENT]],
  ] as const;

  it.each(['vi', 'en'])('the status page in %s shows every payload as text, none as markup', async (lang) => {
    for (const [path, texts] of pages()) {
      // Wait for a render that has the data (a variant rendered earlier is served for about a second).
      const html = await waitFor(`${path} in ${lang} showing its text`, async () => {
        const page = await get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        return texts.every((x) => visible(page).includes(x)) ? page : undefined;
      }, 30_000).catch(async (e: Error) => {
        const page = visible(await get(`${path}?lang=${lang}`));
        throw new Error(`${e.message}; missing: ${JSON.stringify(texts.filter((x) => !page.includes(x)))}`);
      });
      expect(live(html), `${path}?lang=${lang}`).toEqual([]);
    }
  }, 120_000);

  const feedTexts = [TEXT.incidentVi, TEXT.incidentEn, TEXT.maintenance];
  const fresh = (path: string) =>
    waitFor(`${path} with every item`, async () => {
      const xml = await get(path);
      return feedTexts.every((x) => decode(decode(xml)).includes(x)) ? xml : undefined;
    }, 30_000);

  it.each(['vi', 'en'])('the Atom feed in %s: titles are text or escaped HTML, content has no live markup', async (lang) => {
    const xml = await fresh(`/history.atom?lang=${lang}`);
    const feed = await new Parser().parseString(xml);
    expect(feed.items.length).toBeGreaterThanOrEqual(3);
    for (const item of feed.items) expect(live(item.content ?? ''), `content of ${item.title}`).toEqual([]);
    const entries = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]!);
    expect(entries).toHaveLength(feed.items.length);
    for (const entry of entries) {
      const [, attrs = '', raw = ''] = /<title([^>]*)>([\s\S]*?)<\/title>/.exec(entry) ?? [];
      const type = /type="([^"]+)"/.exec(attrs)?.[1] ?? 'text';
      const value = raw.replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1');
      const text = raw === value ? decode(value) : value;
      // type="text" is shown as typed; type="html" is HTML, so the payload must arrive escaped inside it.
      if (type === 'html') expect(live(text), `html title ${text}`).toEqual([]);
      else expect(type, `title ${text}`).toBe('text');
    }
    const titles = feed.items.map((i) => (i.title ?? '')).join('\n');
    for (const x of feedTexts) expect(decode(titles)).toContain(x);
  });

  it.each(['vi', 'en'])('the RSS feed in %s: titles and descriptions carry the text and no live markup', async (lang) => {
    const feed = await new Parser().parseString(await fresh(`/history.rss?lang=${lang}`));
    expect(feed.items.length).toBeGreaterThanOrEqual(3);
    // Many readers render an RSS title as HTML, so titles are escaped once more (feeds-markup.test.ts):
    // decoded, they hold the operator's text; as a reader's HTML, nothing in them is live.
    for (const x of feedTexts) expect(feed.items.some((i) => decode(i.title ?? '').includes(x)), x).toBe(true);
    for (const item of feed.items) expect(live(item.title ?? ''), `title ${item.title}`).toEqual([]);
    for (const item of feed.items) expect(live(item.content ?? ''), `content of ${item.title}`).toEqual([]);
  });

  it('the iCalendar feed carries the text as typed, and no HTML or javascript: link', async () => {
    const ics = await waitFor('/maintenance.ics with the window', async () => {
      const body = await get('/maintenance.ics');
      return body.includes('BEGIN:VEVENT') ? body : undefined;
    }, 30_000);
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    const event = events.find((e) => String(e.getFirstPropertyValue('summary')).includes(TEXT.maintenance));
    expect(event, ics).toBeDefined();
    expect(String(event!.getFirstPropertyValue('description'))).toContain(TEXT.maintenanceBody);
    for (const e of events) {
      for (const name of ['x-alt-desc', 'altrep']) for (const p of e.getAllProperties(name)) expect(live(String(p.getFirstValue()))).toEqual([]);
      const url = e.getFirstPropertyValue('url');
      if (url !== null) expect(String(url)).toMatch(/^https?:\/\//);
    }
    expect(ics).not.toMatch(/^URL[^:]*:\s*javascript:/im);
  });
});
