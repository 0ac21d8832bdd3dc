import { readFile } from 'node:fs/promises';
import { parseConfigDocument, type ConfigDocumentResult, type Env } from '@sla/shared';

/**
 * Reads and validates a config file in this thread; a missing or unreadable
 * file is a problem like any other, and so is a secret `env` lacks (issue #14).
 */
export async function readConfigDocument(path: string, env: Env): Promise<ConfigDocumentResult> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, problems: [{ file: path, line: 0, path: '', message: `cannot read config: ${reason}` }] };
  }
  return parseConfigDocument(source, path, env);
}
