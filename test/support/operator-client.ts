import type { Role } from '../../daemon/src/auth/roles.ts';
import { createToken } from '../../daemon/src/auth/token.repository.ts';
import type { Db } from '../../daemon/src/db/database.ts';

export interface Call {
  status: number;
  body: any;
}

/** An operator talking to the API with a token of `role`, named `name` (who writes are attributed to). */
export async function operator(db: Db, baseUrl: string, name: string, role: Role) {
  const token = await createToken(db, name, role);
  const call = async (method: string, path: string, body?: unknown): Promise<Call> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (CSV, HTML): keep the text
    }
    return { status: response.status, body: parsed };
  };
  return {
    name,
    token,
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown = {}) => call('POST', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    call,
  };
}

export type Operator = Awaited<ReturnType<typeof operator>>;
