import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a link may do: confirm a pending subscription, or end one. */
export type TokenPurpose = 'confirm' | 'unsubscribe';

/**
 * Issue #15: the links mailed to a subscriber carry `purpose.id.mac`, an
 * HMAC-SHA256 under the config's secret (notify.subscriptions.secretEnv) over
 * the purpose, the subscriber's id and address. Nothing is stored: a link
 * cannot be guessed, cannot be turned into the other purpose, and stops
 * working when the address changes hands (a new id).
 */
export function signToken(secret: string, purpose: TokenPurpose, s: { id: string; email: string }): string {
  return `${purpose}.${s.id}.${mac(secret, purpose, s.id, s.email)}`;
}

/** The subscriber id a token names, when its purpose is `purpose`; `verify` then checks it against that subscriber's address. */
export function tokenId(token: string, purpose: TokenPurpose): string | undefined {
  const m = /^([a-z]+)\.([1-9]\d{0,18})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return m !== null && m[1] === purpose ? m[2] : undefined;
}

export function verifyToken(secret: string, token: string, purpose: TokenPurpose, s: { id: string; email: string }): boolean {
  const given = Buffer.from(token);
  const wanted = Buffer.from(signToken(secret, purpose, s));
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

const mac = (secret: string, purpose: TokenPurpose, id: string, email: string) => createHmac('sha256', secret).update(`${purpose}\n${id}\n${email}`).digest('base64url');
