import { describe, expect, it } from 'vitest';
import { signToken, tokenId, verifyToken } from './token.ts';

const s = { id: '7', email: 'reader@example.vn' };

describe('subscription links (issue #15)', () => {
  it('a signed token names its subscriber and verifies for that purpose only', () => {
    const token = signToken('secret', 'confirm', s);
    expect(tokenId(token, 'confirm')).toBe('7');
    expect(verifyToken('secret', token, 'confirm', s)).toBe(true);
    expect(tokenId(token, 'unsubscribe')).toBeUndefined();
    expect(verifyToken('secret', token, 'unsubscribe', s)).toBe(false);
  });

  it('another secret, another address or an altered id does not verify', () => {
    const token = signToken('secret', 'unsubscribe', s);
    expect(verifyToken('other', token, 'unsubscribe', s)).toBe(false);
    expect(verifyToken('secret', token, 'unsubscribe', { ...s, email: 'someone@example.vn' })).toBe(false);
    const altered = token.replace('.7.', '.8.');
    expect(verifyToken('secret', altered, 'unsubscribe', { ...s, id: '8' })).toBe(false);
  });

  it('malformed tokens name nobody', () => {
    for (const bad of ['', 'confirm', 'confirm.0.x', `confirm.7.${'a'.repeat(42)}`, `confirm.99999999999999999999.${'a'.repeat(43)}`]) expect(tokenId(bad, 'confirm')).toBeUndefined();
  });
});
