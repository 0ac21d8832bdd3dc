// Which cached bodies are also kept gzipped (page-cache.ts), decided the same
// way wherever the gzipping happens: on the serving thread's libuv pool, or
// in the page renderer's low-priority thread (status-site-renderer.ts).

const COMPRESSIBLE = /^(text\/|application\/(json|xml|atom\+xml|rss\+xml)|image\/svg\+xml)/;

/** A body of 1 KiB or more, of a text type: smaller ones gain less than the header costs. */
export function worthGzipping(body: Uint8Array, headers: ReadonlyArray<readonly [string, string]>): boolean {
  const type = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  return body.byteLength >= 1024 && COMPRESSIBLE.test(type);
}
