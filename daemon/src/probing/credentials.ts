// The Authorization header of an http monitor's `auth`, from the secret in
// the environment variable the config names (issue #14). The config check
// (shared/src/config/secrets.ts) has already refused a config whose variable
// is missing, so a missing one here is a bug, reported by name only.
import type { Env, MonitorConfig } from '@sla/shared';

type Auth = Extract<MonitorConfig, { kind: 'http' }>['auth'];

export interface Credentials {
  authorization: string;
  /** The secret and the encodings of it that travel: none may appear in a failure message. */
  secrets: string[];
}

export function credentials(auth: Auth, env: Env): Credentials | undefined {
  if (auth?.basic !== undefined) {
    const password = secret(env, auth.basic.passwordEnv);
    // RFC 7617 §2.1: user-id and password as UTF-8.
    const encoded = Buffer.from(`${auth.basic.username}:${password}`, 'utf8').toString('base64');
    return { authorization: `Basic ${encoded}`, secrets: [password, encoded].filter((s) => s !== '') };
  }
  if (auth?.bearer !== undefined) {
    const token = secret(env, auth.bearer.tokenEnv);
    return { authorization: `Bearer ${token}`, secrets: [token] };
  }
  return undefined;
}

function secret(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined) throw new Error(`environment variable ${name} is not set`);
  return value;
}
