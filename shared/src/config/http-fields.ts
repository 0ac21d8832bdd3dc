import { z } from 'zod';

// The request an http monitor sends and the header it expects (issue #14).
// Secrets never sit in the config: `auth` names environment variables, and
// secrets.ts checks at load that they are set.

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** RFC 9110 §9.3: the methods whose request content has a meaning. */
export const METHODS_WITH_BODY: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

/** RFC 9110 §5.6.2 token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 §5.5: a field value is visible characters, spaces and tabs; CR or LF would end the header. */
export function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

export const headerName = z.string().regex(TOKEN, "must be a header name (letters, digits and !#$%&'*+-.^_`|~)");

/** Headers that carry credentials: they come from `auth`, whose secrets are in the environment. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization']);
/** Framing and connection headers: the prober sets them (or cannot send them). */
const PROBER_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect']);

const requestHeaderName = headerName
  .refine((name) => !CREDENTIAL_HEADERS.has(name.toLowerCase()), 'use auth: its secret comes from an environment variable, never the config')
  .refine((name) => !PROBER_HEADERS.has(name.toLowerCase()), 'set by the prober');

export const headerValue = z.string().refine((value) => !hasControl(value), 'must not contain CR, LF or other control characters');

/** The first name given twice, ignoring case (RFC 9110 §5.1), or undefined. */
function repeatedName(headers: unknown): string | undefined {
  const seen = new Set<string>();
  for (const name of Object.keys(headers !== null && typeof headers === 'object' ? headers : {})) {
    if (seen.has(name.toLowerCase())) return name;
    seen.add(name.toLowerCase());
  }
  return undefined;
}

export const requestHeaders = z.record(requestHeaderName, headerValue).refine((headers) => repeatedName(headers) === undefined, {
  error: (issue) => `${repeatedName(issue.input)} is given twice (header names are case-insensitive)`,
  when: () => true,
});

export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const envName = z.string().regex(ENV_NAME, 'must be an environment variable name (letters, digits and _, not first a digit)');

export const auth = z
  .strictObject({
    basic: z
      .strictObject({
        // RFC 7617 §2: the user-id cannot contain a colon.
        username: z.string().min(1).refine((name) => !name.includes(':') && !hasControl(name), 'must not contain ":" or control characters'),
        passwordEnv: envName,
      })
      .optional(),
    bearer: z.strictObject({ tokenEnv: envName }).optional(),
  })
  .refine((a) => (a.basic === undefined) !== (a.bearer === undefined), 'give one of basic or bearer');

/** A response header the answer must carry: present, equal to a value, or containing one. */
export const expectHeader = z
  .strictObject({ name: headerName, equals: z.string().optional(), contains: z.string().min(1).optional() })
  .refine((h) => h.equals === undefined || h.contains === undefined, 'give equals or contains, not both');

/** An http(s) target without user:password@ (secrets only from the environment). */
export const httpTarget = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .refine((text) => {
    const url = new URL(text);
    return url.username === '' && url.password === '';
  }, 'must not hold credentials: use auth, with the secret in an environment variable');

/**
 * Whether a monitor's body goes with its method. Runs on a monitor with other
 * problems too (every problem at once), so it reads the fields warily; an
 * unknown method is its own problem.
 */
export function bodyAllowed(m: { method?: unknown; body?: unknown }): boolean {
  const method = m.method ?? 'GET';
  if (m.body === undefined || typeof method !== 'string' || !(HTTP_METHODS as readonly string[]).includes(method)) return true;
  return METHODS_WITH_BODY.has(method);
}
