// The built status site mounted in a real Hono app behind a real loopback server.
// Needs status-site/dist: `pnpm test` builds it first; without it mountStatusSite
// fails with the command to run.
import { serve, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mountStatusSite, type StatusSiteLogger } from './status-site.ts';

const components = [
  {
    id: 'checkout-api',
    name: 'Checkout API',
    group: 'Payments',
    tier: 'core',
    description: null,
    status: 'operational',
  },
  {
    id: 'report-export',
    name: 'Report export',
    group: null,
    tier: 'feature',
    description: 'CSV and PDF exports',
    status: 'partial_outage',
  },
];

interface Site {
  baseUrl: string;
  logged: unknown[][];
  close: () => Promise<void>;
}

async function startSite(componentsRoute: (app: Hono<{ Bindings: HttpBindings }>) => void): Promise<Site> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  componentsRoute(app);
  const logged: unknown[][] = [];
  const logger: StatusSiteLogger = { error: (...args) => logged.push(args) };
  await mountStatusSite(app, { logger });

  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      resolve({
        baseUrl: `http://127.0.0.1:${info.port}`,
        logged,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
  });
}

describe('status site mounted in the daemon', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite((app) => app.get('/api/v1/components', (c) => c.json({ components })));
  });
  afterAll(() => site.close());

  it('renders the status page with every component and how outages are measured', async () => {
    const response = await fetch(`${site.baseUrl}/`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('<title>Service status</title>');
    expect(html).toContain('Checkout API');
    expect(html).toContain('Report export');
    expect(html).toContain('Partial outage');
    expect(html).toContain('How we measure');
    expect(html).toContain('first failed probe of the streak that confirmed');
    expect(html).toContain('first successful probe');
    expect(html).not.toContain('<script');
  });

  it('serves the stylesheet Astro emitted from dist/client, cacheable for good', async () => {
    const html = await (await fetch(`${site.baseUrl}/`)).text();
    const href = /<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(href).toBeDefined();

    const response = await fetch(`${site.baseUrl}${href}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/css/);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toMatch(/prefers-color-scheme: ?dark/);
  });

  it('answers an unknown path with Astro’s 404 page', async () => {
    const response = await fetch(`${site.baseUrl}/no-such-page`);

    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Page not found');
  });

  it('answers HEAD with the page’s status and headers, writing each response once', async () => {
    // Hono sends HEAD responses itself; a second write shows up as ERR_HTTP_HEADERS_SENT on console.error.
    const consoleError = vi.spyOn(console, 'error');
    try {
      const page = await fetch(`${site.baseUrl}/`, { method: 'HEAD' });
      const missing = await fetch(`${site.baseUrl}/no-such-page`, { method: 'HEAD' });

      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(missing.status).toBe(404);
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });

  it('leaves routes registered before it alone', async () => {
    const response = await fetch(`${site.baseUrl}/api/v1/components`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ components });
  });
});

describe('status site when the components read fails', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite((app) => app.get('/api/v1/components', (c) => c.json({ error: 'database down' }, 500)));
  });
  afterAll(() => site.close());

  it('still renders the page, says status is unavailable, answers 503 and logs why', async () => {
    const response = await fetch(`${site.baseUrl}/`);
    const html = await response.text();

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(html).toContain('Status unavailable');
    expect(html).toContain('How we measure');
    expect(html).not.toContain('database down');
    expect(site.logged).toHaveLength(1);
    expect(String(site.logged[0]?.[1])).toContain('/api/v1/components: HTTP 500');
  });
});
