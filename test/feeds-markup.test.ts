// Issue #12 (live markup in the Atom feed): operator-written titles reach
// feed readers as text, never as markup, in both languages. The `feed`
// library labels Atom titles type="html" (and RSS readers commonly read
// titles as HTML too), so a title must be HTML whose rendering is the text.
// The hostile rows exist before the first feed request: each variant here is
// a fresh render, not a copy cached before them.
import ICAL from 'ical.js';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { seedIncident, seedWindow } from '../daemon/src/public/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

const HOSTILE_INCIDENT = 'Down <img src=x onerror=alert(1)> & <script>alert(2)</script>';
const HOSTILE_WINDOW = 'Patch <svg onload=alert(3)> "now"';

/** What an HTML renderer shows for `html`, if it holds no markup; undefined when it holds some. */
function asText(html: string): string | undefined {
  if (/[<>]/.test(html)) return undefined;
  return html.replace(/&#(\d+);|&#x([0-9a-f]+);|&(lt|gt|amp|quot|apos);/gi, (_m, dec, hex, named) =>
    dec !== undefined ? String.fromCodePoint(Number(dec)) : hex !== undefined ? String.fromCodePoint(parseInt(hex, 16)) : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[named.toLowerCase()]!,
  );
}

describe.each(testDatabaseKinds())('operator titles in the feeds on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  const parser = new Parser();
  const now = Date.now();
  beforeAll(async () => {
    t = await startTestDaemon(kind, 'components:\n  - { id: api, name: Public API, tier: core }\n');
    await seedIncident(t.db.db, { title: HOSTILE_INCIDENT, status: 'investigating', impact: 'major', createdAt: new Date(now - 120_000), components: ['api'], updates: [{ status: 'investigating', body: 'Looking <b>now</b>.', at: new Date(now - 120_000) }] });
    await seedWindow(t.db.db, { kind: 'backup', title: HOSTILE_WINDOW, description: '<iframe src=//x>', startsAt: new Date(now + 3_600_000), endsAt: new Date(now + 7_200_000), components: ['api'], createdAt: new Date(now - 60_000) });
  });
  afterAll(() => t?.stop());

  const feedTitles = async (path: string) => {
    const xml = await (await fetch(`${t.daemon.url}${path}`)).text();
    expect(xml).not.toMatch(/<img|<script|<svg|<iframe/i);
    return (await parser.parseString(xml)).items.map((i) => i.title ?? '');
  };

  it.each(['/history.atom', '/history.atom?lang=en', '/history.rss', '/history.rss?lang=en'])('%s: every title renders as its text', async (path) => {
    const titles = await feedTitles(path);
    expect(titles).toHaveLength(2);
    const shown = titles.map(asText);
    expect(shown.every((s) => s !== undefined)).toBe(true);
    expect(shown.some((s) => s!.startsWith(`${HOSTILE_INCIDENT} (`))).toBe(true);
    expect(shown.some((s) => s!.includes(`: ${HOSTILE_WINDOW} (`))).toBe(true);
  });

  it('the Atom entries still say their titles are html (the escaping is what makes them text)', async () => {
    const xml = await (await fetch(`${t.daemon.url}/history.atom`)).text();
    expect(xml).toMatch(/<title type="html">/);
  });

  it('/maintenance.ics carries the title as plain text (iCalendar SUMMARY is text), without HTML alternatives', async () => {
    const ics = await (await fetch(`${t.daemon.url}/maintenance.ics`)).text();
    expect(ics).not.toMatch(/X-ALT-DESC|text\/html/i);
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.summary)).toEqual([HOSTILE_WINDOW]);
  });
});
