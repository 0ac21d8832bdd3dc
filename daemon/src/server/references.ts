import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { ApiError } from './api-error.ts';

/** 400 naming every unknown component, with its path in the body. */
export async function checkComponents(db: Kysely<Database>, ids: string[], path = 'components'): Promise<void> {
  if (ids.length === 0) return;
  const known = new Set((await db.selectFrom('components').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
  const unknown = ids.map((id, i) => [id, i] as const).filter(([id]) => !known.has(id));
  if (unknown.length > 0) throw new ApiError('bad_request', 'invalid body', unknown.map(([id, i]) => `${path}[${i}]: unknown component "${id}"`));
}
