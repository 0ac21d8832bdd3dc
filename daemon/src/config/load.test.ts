import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '@sla/shared';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from './load.ts';

const testdata = join(import.meta.dirname, '../../../shared/src/config/testdata');

describe('loading a config file in a thread of its own', () => {
  it('gives the same Config as parsing it here, Temporal and bigint values included', async () => {
    const file = join(testdata, 'valid-full.yaml');
    const loaded = await loadConfigFile(file);
    expect(loaded).toEqual(parseConfig(readFileSync(file, 'utf8'), file));
    expect(loaded.ok && typeof loaded.config.policy.fineBaseVnd).toBe('bigint');
  });

  it('gives the same problems for an invalid file', async () => {
    const file = join(testdata, 'invalid-every-problem.yaml');
    const loaded = await loadConfigFile(file);
    expect(loaded.ok).toBe(false);
    expect(loaded).toEqual(parseConfig(readFileSync(file, 'utf8'), file));
  });

  it('a missing file is a problem like any other', async () => {
    const file = join(testdata, 'no-such.yaml');
    expect(await loadConfigFile(file)).toEqual({ ok: false, problems: [{ file, line: 0, path: '', message: 'cannot read config: no such file' }] });
  });
});
