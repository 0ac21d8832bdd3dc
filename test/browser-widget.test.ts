// Issue #12 (CORS): Atlassian's own embeddable widget, @statuspage/status-widget,
// on a customer's page served from another origin, reads our
// /api/v2/summary.json in Debian's chromium and shows our status, with no
// CORS error. The widget's bundle is served by that other origin, as a
// customer would host it (nothing is fetched from the network). Its 1.0.5
// bundle is strict code that assigns an undeclared `parcelRequire` after it
// has run (a ReferenceError in every browser): the page declares it, so
// that the test can insist on no page error at all.
// Code run in the page is passed as strings: this workspace is type-checked
// without the DOM library.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { seedIncident } from '../daemon/src/public/testing.ts';
import { launchBrowser } from './support/browser.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

const widgetSource = readFileSync(createRequire(import.meta.url).resolve('@statuspage/status-widget/dist/index.js'), 'utf8');

/** The customer's intranet: one page embedding the widget for `statusPage`, and the widget's script. */
async function customerSite(statusPage: string): Promise<{ url: string; close: () => Promise<void> }> {
  const page = `<!doctype html><html lang="en"><head><title>Intranet</title></head><body>
<h1>Our vendors</h1>
<statuspage-widget src="${statusPage}"></statuspage-widget>
<statuspage-widget src="${statusPage}" appearance="badge" title="SLA Ledger"></statuspage-widget>
<script>var parcelRequire;</script>
<script src="/status-widget.js"></script>
</body></html>`;
  const server: Server = createServer((req, res) => {
    if (req.url === '/status-widget.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(widgetSource);
    else if (req.url === '/favicon.ico') res.writeHead(204).end();
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    else res.writeHead(404).end();
  });
  // `localhost` where the daemon is on 127.0.0.1: another host and another port, so plainly another origin.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe.each(testDatabaseKinds())('the Statuspage widget from another origin on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let site: Awaited<ReturnType<typeof customerSite>>;
  beforeAll(async () => {
    t = await startTestDaemon(kind, 'components:\n  - { id: api, name: Public API, tier: core }\n');
    const now = Date.now();
    // An open major incident: the widget must show that, not a default "operational".
    await seedIncident(t.db.db, { title: 'Logins fail', status: 'investigating', impact: 'major', createdAt: new Date(now - 60_000), components: ['api'], updates: [{ status: 'investigating', body: 'Looking.', at: new Date(now - 60_000) }] });
    site = await customerSite(t.daemon.url);
  });
  afterAll(async () => {
    await site?.close();
    await t?.stop();
  });

  it('renders our summary’s status, and the browser reports no CORS error', async () => {
    const summary = (await (await fetch(`${t.daemon.url}/api/v2/summary.json`)).json()) as { status: { indicator: string; description: string } };
    expect(summary.status.indicator).toBe('major');
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('requestfailed', (r) => problems.push(`${r.url()}: ${r.failure()?.errorText}`));
      // The headers Chromium really sent (headers() has only the provisional ones).
      const origins: Array<Promise<string | undefined>> = [];
      page.on('request', (r) => void (r.url().endsWith('/api/v2/summary.json') && origins.push(r.allHeaders().then((h) => h.origin))));
      await page.goto(site.url);
      // The widget renders into its shadow root once summary.json has been read.
      await page.waitForFunction(
        `[...document.querySelectorAll('statuspage-widget')].every((w) => (w.shadowRoot?.textContent ?? '').includes(${JSON.stringify(summary.status.description)}))`,
        undefined,
        { timeout: 20_000 },
      );
      const shown = (await page.evaluate(
        `[...document.querySelectorAll('statuspage-widget')].map((w) => ({ indicator: w.shadowRoot.querySelector('.status-indicator').className, link: w.shadowRoot.querySelector('a').href }))`,
      )) as Array<{ indicator: string; link: string }>;
      expect(problems).toEqual([]);
      // It really was a cross-origin read.
      expect(origins.length).toBeGreaterThan(0);
      for (const origin of await Promise.all(origins)) expect(origin).toBe(site.url);
      expect(shown.length).toBe(2);
      for (const { indicator, link } of shown) {
        expect(indicator.split(/\s+/)).toContain(summary.status.indicator);
        expect(new URL(link).origin).toBe(t.daemon.url);
      }
    } finally {
      await context.close();
    }
  });
});
