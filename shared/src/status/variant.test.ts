import { describe, expect, it } from 'vitest';
import { canonicalPath, pageRequest, resolveVariant } from './variant.ts';

const url = (path: string) => new URL(path, 'http://status.example');

describe('resolveVariant', () => {
  it.each([
    { name: 'default: Vietnamese, Ho Chi Minh City', path: '/', cookie: '', accept: '', lang: 'vi', tz: 'Asia/Ho_Chi_Minh' },
    { name: 'Accept-Language picks English', path: '/', cookie: '', accept: 'en-US,en;q=0.9', lang: 'en', tz: 'Asia/Ho_Chi_Minh' },
    { name: 'by q, not order', path: '/', cookie: '', accept: 'en;q=0.5, vi-VN;q=0.8', lang: 'vi', tz: 'Asia/Ho_Chi_Minh' },
    { name: 'q=0 is a refusal', path: '/', cookie: '', accept: 'en;q=0, fr', lang: 'vi', tz: 'Asia/Ho_Chi_Minh' },
    { name: 'cookie beats Accept-Language', path: '/', cookie: 'x=1; lang=vi; tz=UTC', accept: 'en', lang: 'vi', tz: 'UTC' },
    { name: 'query beats cookie', path: '/?lang=en&tz=Europe/Berlin', cookie: 'lang=vi; tz=UTC', accept: 'vi', lang: 'en', tz: 'Europe/Berlin' },
    { name: 'unknown values are ignored', path: '/?lang=fr&tz=Mars/Base', cookie: 'tz=Nowhere', accept: 'de', lang: 'vi', tz: 'Asia/Ho_Chi_Minh' },
  ])('$name', ({ path, cookie, accept, lang, tz }) => {
    const v = resolveVariant(url(path), { cookie, acceptLanguage: accept });
    expect([v.lang, v.timeZone]).toEqual([lang, tz]);
  });

  it('sets a cookie only for a choice made in the query', () => {
    expect(resolveVariant(url('/?lang=en'), {}).setCookies).toEqual(['lang=en; Path=/; Max-Age=31536000; SameSite=Lax']);
    expect(resolveVariant(url('/'), { cookie: 'lang=en' }).setCookies).toEqual([]);
  });
});

describe('pageRequest', () => {
  it('keys by canonical path, language and zone, dropping unknown or invalid parameters', () => {
    expect(canonicalPath(url('/incidents?utm=x&page=2&tz=UTC&lang=xx'))).toBe('/incidents?tz=UTC&page=2');
    expect(canonicalPath(url('/incidents?page=-1'))).toBe('/incidents');
    const a = pageRequest(url('/?utm=1'), { acceptLanguage: 'en' });
    const b = pageRequest(url('/'), { cookie: 'lang=en' });
    expect(a.key).toBe(b.key);
    expect(a).toEqual({ key: '/|en|Asia/Ho_Chi_Minh', path: '/', headers: { cookie: 'lang=en; tz=Asia/Ho_Chi_Minh' } });
  });

  it('renders what it keys: the headers it hands the renderer resolve to the same variant', () => {
    const request = pageRequest(url('/?page=3'), { acceptLanguage: 'en-GB', cookie: 'tz=Asia/Tokyo' });
    const rendered = resolveVariant(url(request.path), { cookie: request.headers.cookie });
    expect(request.key).toBe(`/?page=3|${rendered.lang}|${rendered.timeZone}`);
  });
});
