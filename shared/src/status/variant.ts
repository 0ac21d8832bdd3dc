// Which variant of a page a request asks for: its language and time zone.
// One pure function, used by the pages themselves and by the host's page
// cache (daemon/src/server/status-site.ts), so the cache key and the rendered
// page can never disagree.
//   language:  ?lang=  >  cookie  >  Accept-Language  >  Vietnamese
//   time zone: ?tz=    >  cookie  >  Asia/Ho_Chi_Minh (docs/contract.md §6)
// ?lang= and ?tz= also set a cookie, so the choice follows the reader.
import { parseQualityList } from '@sla/shared/text/quality.ts';

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'vi';

/** The zones the selector offers; a short list keeps the number of cached variants small. */
export const TIME_ZONES = [
  'Asia/Ho_Chi_Minh',
  'UTC',
  'Asia/Bangkok',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Sydney',
] as const;
export type TimeZone = (typeof TIME_ZONES)[number];
export const DEFAULT_TIME_ZONE: TimeZone = 'Asia/Ho_Chi_Minh';

/** Query parameters pages read; any other is dropped before rendering and from the cache key. */
const KNOWN_PARAMS = ['lang', 'tz', 'page'] as const;
const COOKIE_MAX_AGE_S = 365 * 86_400;

export interface Variant {
  lang: Lang;
  timeZone: TimeZone;
  /** Set-Cookie values for a choice made in the query. */
  setCookies: string[];
}

export interface VariantHeaders {
  cookie?: string | null | undefined;
  acceptLanguage?: string | null | undefined;
}

export function resolveVariant(url: URL, headers: VariantHeaders): Variant {
  const cookies = parseCookies(headers.cookie ?? '');
  const queryLang = oneOf(LANGS, url.searchParams.get('lang'));
  const queryZone = oneOf(TIME_ZONES, url.searchParams.get('tz'));
  const setCookies: string[] = [];
  if (queryLang !== undefined) setCookies.push(cookie('lang', queryLang));
  if (queryZone !== undefined) setCookies.push(cookie('tz', queryZone));
  return {
    lang: queryLang ?? oneOf(LANGS, cookies.get('lang')) ?? fromAcceptLanguage(headers.acceptLanguage ?? '') ?? DEFAULT_LANG,
    timeZone: queryZone ?? oneOf(TIME_ZONES, cookies.get('tz')) ?? DEFAULT_TIME_ZONE,
    setCookies,
  };
}

/** The URL with only the parameters pages read, valid and in a fixed order. */
export function canonicalPath(url: URL): string {
  const params = new URLSearchParams();
  for (const name of KNOWN_PARAMS) {
    const value = url.searchParams.get(name);
    if (value === null) continue;
    const valid = name === 'lang' ? oneOf(LANGS, value) : name === 'tz' ? oneOf(TIME_ZONES, value) : /^[1-9]\d{0,5}$/.test(value) ? value : undefined;
    if (valid !== undefined) params.set(name, valid);
  }
  const search = params.toString();
  return search === '' ? url.pathname : `${url.pathname}?${search}`;
}

/**
 * The paged pages (`?page=N`) and the public list each pages through (its
 * JSON has `pageCount`): a host clamps `?page=` to that count before keying
 * a render, so page numbers past the last are the last page (issue #12).
 */
export const PAGED_LISTS: Readonly<Record<string, string>> = {
  '/incidents': '/api/v1/public/incidents',
  '/maintenance': '/api/v1/public/maintenance',
};

export interface PageRequest {
  /** Identifies the rendered bytes: the canonical path, language and time zone. */
  key: string;
  /** What to render: the canonical path, and the headers that select the variant. */
  path: string;
  headers: Record<string, string>;
}

/** For a host that caches pages: the key of the variant `url` + headers ask for, and how to render it. */
export function pageRequest(url: URL, headers: VariantHeaders): PageRequest {
  const variant = resolveVariant(url, headers);
  const path = canonicalPath(url);
  return { key: `${path}|${variant.lang}|${variant.timeZone}`, path, headers: { cookie: `lang=${variant.lang}; tz=${variant.timeZone}` } };
}

function fromAcceptLanguage(header: string): Lang | undefined {
  for (const { value: range } of parseQualityList(header)) {
    const lang = oneOf(LANGS, range.split('-')[0]);
    if (lang !== undefined) return lang;
  }
  return undefined;
}

function parseCookies(header: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

function cookie(name: string, value: string): string {
  return `${name}=${value}; Path=/; Max-Age=${COOKIE_MAX_AGE_S}; SameSite=Lax`;
}

function oneOf<T extends string>(set: readonly T[], value: string | null | undefined): T | undefined {
  return (set as readonly (string | null | undefined)[]).includes(value) ? (value as T) : undefined;
}
