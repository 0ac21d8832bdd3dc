import { ENV_NAME, hasControl } from './http-fields.ts';
import type { PathProblem } from './references.ts';

/** The environment a config's secrets are read from (process.env in the daemon and the CLI). */
export type Env = Readonly<Record<string, string | undefined>>;

type Raw = Record<string, unknown>;
const object = (value: unknown): Raw => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});

// Issue #14: a secret an http monitor needs must be in the environment when
// the config is loaded (or checked), so that a missing one is a config problem
// with its path rather than a failing probe. Problems name the variable; the
// value is never written anywhere.

/** Each variable that monitors' `auth`, notify's SMTP, webhooks or subscriptions name and `env` lacks (or holds what a header cannot carry). */
export function checkSecrets(raw: unknown, env: Env): PathProblem[] {
  const monitors = object(raw).monitors;
  const wanted: Array<{ path: Array<string | number>; name: unknown; emptyOk: boolean; webhook?: true; minLength?: number }> = (Array.isArray(monitors) ? monitors : []).flatMap((monitor: unknown, i) => {
    const auth = object(object(monitor).auth);
    return [
      { path: ['monitors', i, 'auth', 'basic', 'passwordEnv'], name: object(auth.basic).passwordEnv, emptyOk: true },
      { path: ['monitors', i, 'auth', 'bearer', 'tokenEnv'], name: object(auth.bearer).tokenEnv, emptyOk: false },
    ];
  });
  // Issue #15: the SMTP password, read when the outbox sends; missing, every notice would fail at delivery.
  wanted.push({ path: ['notify', 'email', 'smtp', 'passwordEnv'], name: object(object(object(object(raw).notify).email).smtp).passwordEnv, emptyOk: false });
  // Issue #15: each webhook endpoint's signing secret; a malformed one would fail every delivery.
  const webhooks = object(object(raw).notify).webhooks;
  (Array.isArray(webhooks) ? webhooks : []).forEach((hook: unknown, i) => {
    wanted.push({ path: ['notify', 'webhooks', i, 'secretEnv'], name: object(hook).secretEnv, emptyOk: false, webhook: true });
  });
  // Issue #15: a Slack-compatible alert route's URL (it carries the token).
  const alerts = object(object(raw).notify).alerts;
  (Array.isArray(alerts) ? alerts : []).forEach((route: unknown, i) => {
    wanted.push({ path: ['notify', 'alerts', i, 'to', 'slack', 'urlEnv'], name: object(object(object(route).to).slack).urlEnv, emptyOk: false });
  });
  // Issue #15: the key of the subscription links; a short one could be guessed.
  wanted.push({ path: ['notify', 'subscriptions', 'secretEnv'], name: object(object(object(raw).notify).subscriptions).secretEnv, emptyOk: false, minLength: 32 });
  return wanted.flatMap(({ path, name, emptyOk, webhook, minLength }) => {
    // A name that is not one is the schema's problem.
    const message =
      typeof name === 'string' && ENV_NAME.test(name)
        ? (secretProblem(name, env[name], emptyOk) ?? (webhook ? webhookSecretProblem(name, env[name]!) : undefined) ?? (minLength !== undefined && env[name]!.length < minLength ? `environment variable ${name} is shorter than ${minLength} characters` : undefined))
        : undefined;
    return message === undefined ? [] : [{ path, message }];
  });
}

function secretProblem(name: string, value: string | undefined, emptyOk: boolean): string | undefined {
  if (value === undefined) return `environment variable ${name} is not set`;
  // An empty password is Basic's for a key given as the user name; an empty token is nothing.
  if (value === '' && !emptyOk) return `environment variable ${name} is empty`;
  if (hasControl(value)) return `environment variable ${name} holds CR, LF or another control character`;
  return undefined;
}

/** Standard Webhooks: the secret is base64 of its key, `whsec_` before it by convention. */
const WEBHOOK_SECRET = /^(whsec_)?(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function webhookSecretProblem(name: string, value: string): string | undefined {
  const key = value.replace(/^whsec_/, '');
  return key !== '' && WEBHOOK_SECRET.test(value) ? undefined : `environment variable ${name} is not a webhook secret (whsec_ and base64)`;
}
