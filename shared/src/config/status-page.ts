import { z } from 'zod';

// Issue #19: the status page's identity — whose status it is, with their
// name, logo and a way back to the product. Without it the page says only
// "Service status". One schema; the page reads it through Astro.locals
// (shared/src/status/locals.ts).

const LINK = 'must be an http(s) URL, a path starting with /, or a data:image/… URL';
/**
 * An image the reader's browser fetches: an http(s) URL, a path on the page's
 * own origin (e.g. served by a proxy in front), or the image itself as a
 * data: URL, so a small logo needs no hosting. An <img> runs no script, SVG included.
 */
const image = z.string().refine(
  (text) => /^https?:\/\/[^/\s]+\S*$/.test(text) ? URL.canParse(text) : /^\/(?!\/)\S*$/.test(text) || /^data:image\/(png|jpeg|gif|webp|svg\+xml|x-icon|vnd\.microsoft\.icon)[;,]\S*$/.test(text),
  LINK,
);

export const statusPageSchema = z.strictObject({
  /** The vendor's name on the page's header and in the browser tab, e.g. "Acme". */
  title: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[^\n\r]*$/, 'must be one line')
    .optional(),
  /** An image shown beside the title (its alt text is the title). */
  logo: image.optional(),
  /** The product's site: the header links back to it. */
  homepage: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  favicon: image.optional(),
  /** #rrggbb: the header's top stripe. Never text or state colours, so contrast and the states' meaning stay as they are. */
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb')
    .optional(),
});

export type StatusPageIdentity = z.output<typeof statusPageSchema>;
