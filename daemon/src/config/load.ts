import { readFile } from 'node:fs/promises';
import { parseConfig, type ConfigResult } from '@sla/shared';

/** Reads and validates a config file; a missing or unreadable file is a problem like any other. */
export async function loadConfigFile(path: string): Promise<ConfigResult> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, problems: [{ file: path, line: 0, path: '', message: `cannot read config: ${reason}` }] };
  }
  return parseConfig(source, path);
}
