// Progressive enhancement: every page works without this. While the tab is
// visible, every 60 s it fetches the page again and swaps in the regions
// marked `data-live` (banner, incidents, components), leaving alone any
// region that holds the reader's focus. A `sla:refresh` event on the document
// refreshes at once (tests use it).
const INTERVAL_MS = 60_000;
let last = Date.now();

async function refresh(): Promise<void> {
  last = Date.now();
  const live = [...document.querySelectorAll<HTMLElement>('[data-live][id]')];
  if (live.length === 0) return;
  let response: Response;
  try {
    response = await fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
  } catch {
    return; // offline for a moment: the next tick tries again
  }
  if (!response.ok) return;
  const next = new DOMParser().parseFromString(await response.text(), 'text/html');
  for (const region of live) {
    if (region.contains(document.activeElement)) continue;
    const fresh = next.getElementById(region.id);
    if (fresh !== null) region.replaceWith(document.importNode(fresh, true));
  }
  document.documentElement.dataset.refreshedAt = String(last);
}

setInterval(() => {
  if (document.visibilityState === 'visible') void refresh();
}, INTERVAL_MS);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && Date.now() - last > INTERVAL_MS) void refresh();
});
document.addEventListener('sla:refresh', () => void refresh());
