// Issue #19: the feeds checked strictly. Atom against the elements RFC 4287
// requires, and both formats through Debian's python3-feedparser with
// bozo == 0 (test/support/feed-check.py); the English feed keeps its language
// on every link; an unknown ?lang= is refused, as /api/openapi.json promises.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { seedIncident, seedWindow } from '../daemon/src/public/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

const HOUR = 3_600_000;
const CHECK = fileURLToPath(new URL('./support/feed-check.py', import.meta.url));

interface Checked {
  bozo: boolean | number;
  bozoException: string;
  version: string;
  problems: string[];
  channelDescription: string;
  links: string[];
}

function check(xml: string): Checked {
  return JSON.parse(execFileSync('/usr/bin/python3', [CHECK], { input: xml, encoding: 'utf8' })) as Checked;
}

describe.each(testDatabaseKinds())('feeds checked strictly on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  const get = (path: string) => fetch(`${t.daemon.url}${path}`);
  const now = Date.now();
  beforeAll(async () => {
    t = await startTestDaemon(kind, 'components:\n  - { id: api, name: Public API, tier: core }\n');
    await seedIncident(t.db.db, { title: 'Slow logins', status: 'resolved', impact: 'minor', createdAt: new Date(now - 3 * HOUR), components: ['api'], updates: [{ status: 'resolved', body: 'Fixed.', at: new Date(now - 3 * HOUR) }] });
    // Never announced, then withdrawn: nothing broke a rule, so no rule-breach paragraph.
    await seedWindow(t.db.db, { kind: 'backup', title: 'Withdrawn backup', startsAt: new Date(now + 2 * HOUR), endsAt: new Date(now + 3 * HOUR), components: ['api'], cancelledAt: new Date(now - HOUR), createdAt: new Date(now - 2 * HOUR) });
  });
  afterAll(() => t?.stop());

  it.each(['vi', 'en'])('/history.atom?lang=%s has every element RFC 4287 requires, xml:lang, and feedparser reads it with bozo 0', async (lang) => {
    const xml = await (await get(`/history.atom?lang=${lang}`)).text();
    const result = check(xml);
    expect(result.problems).toEqual([]);
    expect(result.bozoException).toBe('');
    expect(result.bozo).toBeFalsy();
    expect(result.version).toBe('atom10');
    expect(xml).toContain(`xml:lang="${lang}"`);
  });

  it.each(['vi', 'en'])('/history.rss?lang=%s has a channel description, and feedparser reads it with bozo 0', async (lang) => {
    const result = check(await (await get(`/history.rss?lang=${lang}`)).text());
    expect(result.bozoException).toBe('');
    expect(result.bozo).toBeFalsy();
    expect(result.version).toBe('rss20');
    expect(result.channelDescription).not.toBe('');
  });

  it.each(['/history.atom', '/history.rss'])('%s?lang=en links every entry to the English page', async (path) => {
    const { links } = check(await (await get(`${path}?lang=en`)).text());
    expect(links).toHaveLength(2);
    for (const link of links) expect(new URL(link).searchParams.get('lang')).toBe('en');
    // The default language needs no parameter.
    for (const link of check(await (await get(path)).text()).links) expect(new URL(link).searchParams.has('lang')).toBe(false);
  });

  it("a cancelled window's entry carries no rule-breach paragraph", async () => {
    const xml = await (await get('/history.atom?lang=en')).text();
    expect(xml).toContain('Withdrawn backup');
    expect(xml).not.toContain('does not meet the contract');
  });

  it.each(['/history.atom', '/history.rss'])('%s refuses an unknown ?lang= with 400 and the reason', async (path) => {
    const response = await get(`${path}?lang=fr`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: string[] } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.details.join('\n')).toContain('lang');
  });
});
