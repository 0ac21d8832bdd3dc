/**
 * Text for HTML and XML: the five characters that could end a text node or an
 * attribute as numeric references. The one escape for the status site, feeds,
 * badges and statements (issue #12: there were three copies).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
