import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';

type Read = { ok: true; value: unknown } | { ok: false; message: string };

/** The file's document, by its extension: `.json`, or `.yaml` / `.yml` (docs/case-file.md). */
export async function readCaseFile(path: string): Promise<Read> {
  const extension = extname(path).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension)) return { ok: false, message: 'not a case file: expected a .json, .yaml or .yml file' };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    return { ok: false, message: `cannot read case file: ${why}` };
  }
  try {
    return { ok: true, value: extension === '.json' ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true }) };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    return { ok: false, message: `not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${message}` };
  }
}
