// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  // Every page shows live status, so it is rendered per request, never at build time.
  output: 'server',
  // The daemon's Hono server mounts the built handler (daemon/src/server/status-site.ts);
  // middleware mode does not serve dist/client, the daemon does.
  adapter: node({ mode: 'middleware' }),
  // The page is read-only and sets no cookies; the adapter would otherwise enable
  // file-backed sessions under the cache directory.
  session: false,
  build: {
    // Always emit CSS as a file: cacheable across pages, and no inline <style>
    // that a strict Content-Security-Policy would have to allow.
    inlineStylesheets: 'never',
  },
  // The same for the one script (auto-refresh): a file under /_astro/, cached
  // for good, instead of the same bytes inlined into every page.
  vite: { build: { assetsInlineLimit: 0 } },
});
