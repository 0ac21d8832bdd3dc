// Issue #19: on a phone, long incident and maintenance texts pushed the first
// component ~2.5 screens down. A text longer than a few lines shows its
// start, cut at a word, and the rest behind "more" (a <details>, so it works
// without JavaScript).

/** About two lines on a phone. */
export const EXCERPT_CHARS = 160;
export const EXCERPT_LINES = 2;

/** The start of `text` to show, or null when the whole text is short enough. */
export function excerpt(text: string, maxChars = EXCERPT_CHARS, maxLines = EXCERPT_LINES): string | null {
  const lines = text.split('\n');
  const head = lines.slice(0, maxLines).join('\n');
  if (lines.length <= maxLines && text.length <= maxChars) return null;
  if (head.length <= maxChars) return `${head.trimEnd()}…`;
  const cut = head.slice(0, maxChars);
  const space = cut.search(/\s\S*$/);
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
