import { describe, expect, it } from 'vitest';
import { groupIds, groupSlug } from './groups.ts';

describe('group ids', () => {
  it.each([
    ['Payments', 'group-payments'],
    ['Thanh toán & Hóa đơn', 'group-thanh-toan-hoa-don'],
    ['ĐIỆN TOÁN ĐÁM MÂY', 'group-dien-toan-dam-may'],
    ['  Web / API  ', 'group-web-api'],
    ['日本', 'group-unnamed'],
  ])('%s → %s', (name, id) => expect(groupSlug(name)).toBe(id));

  it('keeps ids distinct when two names share a slug, in order of appearance', () => {
    expect([...groupIds(['Web', 'Hóa đơn', 'web', 'Web', 'Hoa don'])]).toEqual([
      ['Web', 'group-web'],
      ['Hóa đơn', 'group-hoa-don'],
      ['web', 'group-web-2'],
      ['Hoa don', 'group-hoa-don-2'],
    ]);
  });
});
