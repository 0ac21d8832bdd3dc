// The status page in a real browser (Debian's chromium via playwright-core):
// the front page with a seeded outage, maintenance and incident, at desktop
// and mobile widths, light and dark, with JavaScript on and off; axe-core on
// every page; screenshots in test-artifacts/. One browser for the file.
// Code run in the page is passed as strings: this workspace is type-checked
// without the DOM library.
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setComponentCreatedAt } from '../daemon/src/catalog/testing.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { MAX_FRESH_MS } from '../daemon/src/server/page-cache.ts';
import { backdateComponents, seedForceMajeure, seedIncident, seedOutage, seedWindow } from '../daemon/src/public/testing.ts';
import { launchBrowser, screenshot, axeViolations, VIEWPORTS } from './support/browser.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { switchableTarget } from './support/switchable-target.ts';

const HOUR = 3_600_000;
// Issue #19: long enough to fold behind "more".
const LONG_DESCRIPTION = 'We upgrade the primary database to a new major version. Writes pause for up to ten minutes while the replica is promoted; reads keep working. Reports may show data up to an hour old until the upgrade completes and the caches warm up again.';

/** Per bar on the page, the days its visible cells span (a run of n days has --n: n). */
const VISIBLE_DAYS = `[...document.querySelectorAll('.bar')].map((bar) => [...bar.children]
  .filter((cell) => getComputedStyle(cell).display !== 'none')
  .reduce((sum, cell) => sum + Number(getComputedStyle(cell).getPropertyValue('--n') || 1), 0))`;

/**
 * The banner's background and its text's WCAG contrast for each state, set on
 * the live banner in turn (its words per state are the dictionary's, checked in
 * shared/src/status/component-status.test.ts; here, what the stylesheet does with them).
 */
const BANNER_COLOURS = `(() => {
  const banner = document.querySelector('#banner');
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const out = {};
  const original = banner.dataset.status;
  for (const state of ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance', 'unavailable']) {
    banner.dataset.status = state;
    const style = getComputedStyle(banner);
    const [a, b] = [lum(style.backgroundColor), lum(style.color)].sort((x, y) => y - x);
    out[state] = { background: style.backgroundColor, contrast: (a + 0.05) / (b + 0.05) };
  }
  banner.dataset.status = original;
  return out;
})()`;
/** Per card on the page: its distance below the header, and the space inside it above its first element. */
const CARD_GAPS = `(() => {
  const header = document.querySelector('header.site').getBoundingClientRect().bottom;
  return [...document.querySelectorAll('article.incident, article.maintenance, article.force-majeure')].map((card) => {
    const box = card.getBoundingClientRect();
    return { fromHeader: box.top - header, aboveHeading: card.firstElementChild.getBoundingClientRect().top - box.top };
  });
})()`;
const STATE_COLOUR = { operational: 'ok', degraded_performance: 'warn', partial_outage: 'partial', major_outage: 'bad', under_maintenance: 'info', unavailable: 'bad' } as const;
// site.css's palettes.
const LIGHT = { ok: 'rgb(26, 127, 55)', warn: 'rgb(154, 103, 0)', partial: 'rgb(188, 76, 0)', bad: 'rgb(207, 34, 46)', info: 'rgb(9, 105, 218)' };
const DARK = { ok: 'rgb(63, 185, 80)', warn: 'rgb(210, 153, 34)', partial: 'rgb(240, 136, 62)', bad: 'rgb(248, 81, 73)', info: 'rgb(68, 147, 248)' };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe.each(testDatabaseKinds())('status page in chromium on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let target: Awaited<ReturnType<typeof switchableTarget>>;
  const contexts: BrowserContext[] = [];
  const open = async (options: BrowserContextOptions) => {
    const context = await browser.newContext({ locale: 'en-GB', ...options });
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    target = await switchableTarget();
    const monitors = ['api', 'web', 'billing', 'reports', 'search'].map((c) => `  - { id: ${c}-http, component: ${c}, kind: http, target: "${target.url}", interval: 1h }`).join('\n');
    t = await startTestDaemon(
      kind,
      `
statusPage:
  title: Acme Cloud
  logo: "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20width='32'%20height='32'%3E%3Crect%20width='32'%20height='32'%20rx='6'%20fill='%230a7cff'/%3E%3C/svg%3E"
  homepage: https://acme.example/
  favicon: "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'/%3E"
  accentColor: "#0a7cff"
components:
  - { id: api, name: Public API, group: Platform, tier: core, description: REST and webhooks }
  - { id: web, name: Web application, group: Platform, tier: core }
  - { id: billing, name: Billing, group: Thanh toán, tier: core }
  - { id: reports, name: Reports, tier: feature }
  - { id: search, name: Search, group: Platform, tier: feature }
monitors:
${monitors}
`,
      { statusSite: true },
    );
    const db = t.db.db;
    const now = Date.now();
    await backdateComponents(db, new Date(now - 120 * 24 * HOUR));
    // Issue #19: watched for two hours only, so neither "90 days 100%" nor 89 rows of "no data".
    await setComponentCreatedAt(db, 'search', new Date(now - 2 * HOUR));
    // 03:00–06:00 Ho Chi Minh time (UTC+7, no DST) six days ago: one day's cell, whatever the hour
    // the test runs (from now − 6 days it crossed local midnight after 14:00 UTC, two cells).
    const localMidnight = Math.floor((now + 7 * HOUR) / (24 * HOUR)) * 24 * HOUR - 7 * HOUR;
    await seedOutage(db, { component: 'api', impact: 'major_outage', startedAt: new Date(localMidnight - 6 * 24 * HOUR + 3 * HOUR), endedAt: new Date(localMidnight - 6 * 24 * HOUR + 6 * HOUR) });
    await seedOutage(db, { component: 'billing', impact: 'partial_outage', startedAt: new Date(now - 20 * 24 * HOUR), endedAt: new Date(now - 20 * 24 * HOUR + HOUR) });
    await seedOutage(db, { component: 'reports', impact: 'degraded', startedAt: new Date(now - 30 * 60_000), endedAt: null });
    await seedWindow(db, { kind: 'infrastructure', title: 'Storage migration', description: 'Moving backups to new disks.', startsAt: new Date(now - HOUR), endsAt: new Date(now + HOUR), components: ['web'] });
    await seedWindow(db, { kind: 'infrastructure', title: 'Database upgrade', description: LONG_DESCRIPTION, startsAt: new Date(now + 3 * 24 * HOUR), endsAt: new Date(now + 3 * 24 * HOUR + 2 * HOUR), components: ['api', 'billing'], notices: [new Date(now - HOUR)] });
    await seedWindow(db, { kind: 'infrastructure', title: 'Network cutover', startsAt: new Date(now + 5 * 24 * HOUR), endsAt: new Date(now + 5 * 24 * HOUR + HOUR), components: ['api'], cancelledAt: new Date(now - 2 * HOUR) });
    await seedForceMajeure(db, { category: 'telecom_cable', description: 'The AAG submarine cable was cut; traffic is rerouted.', startsAt: new Date(now - 2 * 24 * HOUR), endsAt: new Date(now - 24 * HOUR) });
    await seedIncident(db, {
      title: 'Billing API errors',
      status: 'identified',
      impact: 'major',
      createdAt: new Date(now - HOUR),
      components: ['billing'],
      updates: [
        { status: 'investigating', body: 'Some payments fail.', at: new Date(now - HOUR) },
        { status: 'identified', body: 'A certificate expired on a payment gateway; renewing it.', at: new Date(now - 30 * 60_000) },
      ],
    });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await t?.stop();
    await target?.close();
  });

  const variants = (['desktop', 'mobile'] as const).flatMap((viewport) => (['light', 'dark'] as const).map((colorScheme) => ({ viewport, colorScheme })));

  it.each(variants)('front page, $viewport, $colorScheme: the seeded facts, no axe violation, a screenshot', async ({ viewport, colorScheme }) => {
    const page = await open({ viewport: VIEWPORTS[viewport], colorScheme, isMobile: viewport === 'mobile' });
    const response = await page.goto(`${t.daemon.url}/`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('#banner .headline').textContent()).toBe('Partial outage');
    // Issue #19: the vendor's identity from the config; the page's one h1 is the state, not the site's name.
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Partial outage']);
    expect(await page.title()).toBe('Acme Cloud');
    expect(await page.locator('header .brand > a').first().textContent()).toBe('Acme CloudService status');
    expect(await page.locator('header .brand img.logo').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Acme Cloud website' }).getAttribute('href')).toBe('https://acme.example/');
    expect(await page.locator('link[rel=icon]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
    expect(await page.evaluate("getComputedStyle(document.body).borderTopColor")).toBe('rgb(10, 124, 255)');
    expect(await page.getByRole('heading', { name: 'Billing API errors' }).isVisible()).toBe(true);
    expect(await page.getByText('A certificate expired on a payment gateway').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Storage migration' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Database upgrade' }).isVisible()).toBe(true);
    // Issue #19: the long description shows its start and "more"; the invalid window says why Web counts as down;
    // one line per group right under the banner.
    const upgrade = page.locator('article.maintenance', { hasText: 'Database upgrade' });
    expect(await upgrade.locator('details.more .more-label').isVisible()).toBe(true);
    expect(await upgrade.getByText(LONG_DESCRIPTION, { exact: true }).isVisible()).toBe(false);
    expect(await page.locator('#component-web .in-window').textContent()).toBe('Under maintenance: Storage migration. The window does not meet the notice and hours rules, so its downtime counts as an outage.');
    expect(await page.locator('#group-summary li').allInnerTexts()).toEqual([
      expect.stringMatching(/^Platform\s+Under maintenance\s+2 of 3 operational$/),
      expect.stringMatching(/^Thanh toán\s+Operational\s+1 of 1 operational$/),
      expect.stringMatching(/^Other components\s+Operational\s+1 of 1 operational$/),
    ]);
    // Issue #19: the force-majeure event ended yesterday: no current notice (its days still show on the bars).
    expect(await page.getByText('The AAG submarine cable was cut').count()).toBe(0);
    expect(await page.locator('.bar').count()).toBe(5);
    expect(await page.locator('#component-api .bar > .m').count()).toBe(1);
    expect(await page.locator('#component-web .status').textContent()).toBe('Under maintenance');
    // The bar's summary is what a screen reader hears: the sentence of this width, the other is display: none (issue #19: 30 days on a phone).
    expect(await page.locator('#component-api .bar').getAttribute('aria-hidden')).toBe('true');
    const heard = "[...document.querySelectorAll('#component-api .bar-summary > span')].filter((s) => getComputedStyle(s).display !== 'none').map((s) => s.textContent).join('|')";
    expect(await page.evaluate(heard)).toMatch(
      viewport === 'mobile' ? /^Last 30 days: uptime \d+(\.\d\d)?%\.( [^9]*)?$/ : /^Last 90 days: uptime 99\.\d\d%\. Major outage: 1 day; Force majeure: [12] days?$/,
    );
    // Issue #19: the banner names the worst affected components: Billing through its major incident, then Web in maintenance.
    expect(await page.locator('#banner .affected').textContent()).toBe('Affected: Billing, Web application');
    // 90 days on a desktop, the last 30 below 480 px wide.
    expect(await page.evaluate(VISIBLE_DAYS)).toEqual(Array.from({ length: 5 }, () => (viewport === 'mobile' ? 30 : 90)));
    // Issue #19: the component watched for two hours shows 24 hours, then uptime since its first day.
    expect(await page.locator('#component-search .uptime dt').allTextContents()).toEqual(['24 hours', expect.stringMatching(/^Observed since \d+ \w+ \d{4}$/)]);
    // The banner is filled with its state's colour, its words readable on it, in every state.
    const banner = (await page.evaluate(BANNER_COLOURS)) as Record<string, { background: string; contrast: number }>;
    const palette = colorScheme === 'dark' ? DARK : LIGHT;
    for (const [state, colour] of Object.entries(STATE_COLOUR)) {
      expect(banner[state]?.background, state).toBe(palette[colour]);
      expect(banner[state]?.contrast, state).toBeGreaterThanOrEqual(4.5);
    }
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe(colorScheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');
    // No horizontal scrolling on a phone.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `status-${kind}-${viewport}-${colorScheme}`);
  });

  it('without JavaScript: the same content, and language and time zone still switch', async () => {
    const page = await open({ viewport: VIEWPORTS.desktop, javaScriptEnabled: false });
    await page.goto(`${t.daemon.url}/`);
    expect(await page.locator('#banner .headline').textContent()).toBe('Partial outage');
    expect(await page.getByRole('heading', { name: 'Billing API errors' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Storage migration' }).isVisible()).toBe(true);
    expect(await page.locator('.bar').count()).toBe(5);
    // "more" opens the whole text without JavaScript.
    const upgrade = page.locator('article.maintenance', { hasText: 'Database upgrade' });
    await upgrade.locator('details.more summary').click();
    expect(await upgrade.getByText(LONG_DESCRIPTION, { exact: true }).isVisible()).toBe(true);
    await screenshot(page, `status-${kind}-desktop-light-nojs`);


    await page.selectOption('#tz', 'Asia/Tokyo');
    await Promise.all([page.waitForURL(/tz=Asia%2FTokyo/), page.getByRole('button', { name: 'Apply' }).click()]);
    expect(await page.locator('#banner time').textContent()).toContain('GMT+9');

    await Promise.all([page.waitForURL(/lang=vi/), page.getByRole('link', { name: 'Tiếng Việt' }).click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.locator('#banner .headline').textContent()).toBe('Gián đoạn một phần');
    // Both choices are kept in cookies: the plain front page stays Vietnamese, in Tokyo time.
    await page.goto(`${t.daemon.url}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.locator('#banner time').textContent()).toContain('GMT+9');
    await screenshot(page, `status-${kind}-desktop-light-nojs-vi`);
  });

  it('a window cancelled before its start is not past maintenance; an ended force-majeure event says it ended (issue #19)', async () => {
    const page = await open({ viewport: VIEWPORTS.desktop });
    await page.goto(`${t.daemon.url}/maintenance?lang=en`);
    const sectionOf = (title: string) => page.locator('section', { has: page.getByRole('heading', { name: title, exact: true }) });
    expect(await sectionOf('Cancelled before it began').getByRole('heading', { name: 'Network cutover' }).count()).toBe(1);
    expect(await sectionOf('Past maintenance').count()).toBe(1);
    expect(await sectionOf('Past maintenance').getByRole('heading', { name: 'Network cutover' }).count()).toBe(0);
    await page.goto(`${t.daemon.url}/force-majeure?lang=en`);
    expect(await page.locator('article.force-majeure', { hasText: 'The AAG submarine cable was cut' }).locator('.pill').textContent()).toBe('Ended');
  });

  it('in Vietnamese on a phone: the banner, natural dates, 30 days, no axe violation (issue #19)', async () => {
    const page = await open({ viewport: VIEWPORTS.mobile, isMobile: true, colorScheme: 'dark' });
    await page.goto(`${t.daemon.url}/?lang=vi`);
    expect(await page.locator('#banner .headline').textContent()).toBe('Gián đoạn một phần');
    expect(await page.locator('#banner .affected').textContent()).toBe('Bị ảnh hưởng: Billing, Web application');
    expect(await page.locator('#banner time').textContent()).toMatch(/^\d\d:\d\d ngày \d{1,2}\/\d{1,2}\/\d{4} \(GMT\+7\)$/);
    expect(await page.locator('#component-api .scale .narrow').textContent()).toBe('30 ngày trước');
    expect(await page.evaluate(VISIBLE_DAYS)).toEqual(Array.from({ length: 5 }, () => 30));
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `status-${kind}-mobile-dark-vi`);
  });

  it('on a phone without JavaScript, a tap on a day opens that day on the component page (issue #19)', async () => {
    const page = await open({ viewport: VIEWPORTS.mobile, isMobile: true, hasTouch: true, javaScriptEnabled: false });
    await page.goto(`${t.daemon.url}/?lang=en`);
    const cell = page.locator('#component-api .bar > .m');
    const href = await cell.getAttribute('href');
    expect(href).toMatch(/^\/components\/api#day-\d{4}-\d\d-\d\d$/);
    await Promise.all([page.waitForURL(/\/components\/api#day-/), cell.tap()]);
    const row = page.locator(`tr[id="${href!.split('#')[1]}"]`);
    expect(await row.locator('td').first().textContent()).toContain('Major outage');
    expect(await row.isVisible()).toBe(true);
    await screenshot(page, `component-${kind}-mobile-tapped-day`);
  });

  it('the page of a component watched for two hours folds its unwatched days into one row (issue #19)', async () => {
    const page = await open({ viewport: VIEWPORTS.mobile, isMobile: true });
    await page.goto(`${t.daemon.url}/components/search?lang=en`);
    const rows = page.locator('table.days tbody tr');
    expect(await rows.count()).toBeLessThanOrEqual(3);
    expect(await page.locator('table.days tr.unwatched td').textContent()).toMatch(/No data for (88|89) days/);
    expect(await page.locator('.uptime dt').allTextContents()).toEqual(['24 hours', expect.stringMatching(/^Observed since /)]);
    // The page is short now: it was 4,498 px with a row per day.
    expect(await page.evaluate('document.documentElement.scrollHeight')).toBeLessThan(3000);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `component-${kind}-mobile-watched-2h`);
  });

  it.each(['/components/api', '/incidents', '/incidents/1', '/maintenance', '/force-majeure', '/no-such-page'])('%s: no axe violation, light and dark', async (path) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await open({ viewport: VIEWPORTS.desktop, colorScheme });
      await page.goto(`${t.daemon.url}${path}`);
      expect(await axeViolations(page), `${path} ${colorScheme}`).toEqual([]);
      // Issue #19: cards keep clear of the header's rule, and hold no empty band above their heading.
      const gaps = (await page.evaluate(CARD_GAPS)) as { fromHeader: number; aboveHeading: number }[];
      for (const gap of gaps) {
        expect(gap.fromHeader, path).toBeGreaterThanOrEqual(12);
        expect(gap.aboveHeading, path).toBeLessThanOrEqual(16);
      }
      if (colorScheme === 'light') await screenshot(page, `page-${kind}${path.replaceAll('/', '-')}`);
    }
  });

  it('the axe check counts a violation of any impact: two landmarks of one name (landmark-unique, moderate; issue #19)', async () => {
    const page = await open({ viewport: VIEWPORTS.desktop });
    await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1><section aria-label="Days"><p>a</p></section><section aria-label="Days"><p>b</p></section></main></body></html>');
    expect((await axeViolations(page)).map((v) => [v.id, v.impact])).toEqual([['landmark-unique', 'moderate']]);
  });

  it('with JavaScript, the page refreshes its live parts in place', async () => {
    const page = await open({ viewport: VIEWPORTS.desktop });
    await page.goto(`${t.daemon.url}/`);
    await page.evaluate("window.marker = 'same document'");
    await seedIncident(t.db.db, { title: 'Webhooks delayed', status: 'investigating', impact: 'minor', createdAt: new Date(), components: ['api'], updates: [{ status: 'investigating', body: 'Queues are backed up.', at: new Date() }] });
    // Past the page's cache on the daemon's clock: however slow its last render, no page is fresh longer (page-cache.ts).
    t.clock.advance(MAX_FRESH_MS);
    // The first fetch after the cache expires may get the previous render while the next one runs.
    await expect
      .poll(
        async () => {
          await page.evaluate("document.dispatchEvent(new Event('sla:refresh'))");
          return page.getByRole('heading', { name: 'Webhooks delayed' }).count();
        },
        { timeout: 20_000, interval: 300 },
      )
      .toBe(1);
    expect(await page.evaluate('window.marker')).toBe('same document');
  }, 45_000);
});
