export interface Weighted {
  /** The value, lower-cased (language ranges and content codings are case-insensitive). */
  value: string;
  q: number;
}

/**
 * A header list with `q=` weights (Accept-Language, Accept-Encoding: RFC 9110
 * §12.4.2), best first and in the sender's order among equals; values weighted
 * 0 or with an unreadable weight are left out. The one parser of both headers
 * (issue #12: there were two).
 */
export function parseQualityList(header: string): Weighted[] {
  return header
    .split(',')
    .map((part, index) => {
      const [value = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { value: value.trim(), q: q === undefined ? 1 : Number(q.slice(2)), index };
    })
    .filter((w) => w.value !== '' && w.q > 0 && Number.isFinite(w.q))
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ value, q }) => ({ value, q }));
}
