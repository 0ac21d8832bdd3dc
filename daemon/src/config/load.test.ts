import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '@sla/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigFile } from './load.ts';

const testdata = join(import.meta.dirname, '../../../shared/src/config/testdata');

// Both ways of loading give what parsing here gives; which one ran is seen by
// the threads started (process 'worker' event), not assumed (issue #13).
describe.each([
  { way: 'in a thread of its own (a large file)', threadAboveBytes: 0, threads: 1 },
  { way: 'on this thread (a small file)', threadAboveBytes: undefined, threads: 0 },
])('loading a config file $way', ({ threadAboveBytes, threads }) => {
  let started = 0;
  const count = () => started++;
  beforeEach(() => {
    started = 0;
    process.on('worker', count);
  });
  afterEach(() => {
    process.off('worker', count);
  });
  const load = (file: string) => loadConfigFile(file, process.env, { threadAboveBytes });

  it('gives the same Config as parsing it here, Temporal and bigint values included', async () => {
    const file = join(testdata, 'valid-full.yaml');
    const loaded = await load(file);
    expect(loaded).toEqual(parseConfig(readFileSync(file, 'utf8'), file));
    expect(loaded.ok && typeof loaded.config.policy.fineBaseVnd).toBe('bigint');
    expect(started).toBe(threads);
  });

  it('gives the same problems for an invalid file', async () => {
    const file = join(testdata, 'invalid-every-problem.yaml');
    const loaded = await load(file);
    expect(loaded.ok).toBe(false);
    expect(loaded).toEqual(parseConfig(readFileSync(file, 'utf8'), file));
    expect(started).toBe(threads);
  });

  it('a missing file is a problem like any other', async () => {
    const file = join(testdata, 'no-such.yaml');
    expect(await load(file)).toEqual({ ok: false, problems: [{ file, line: 0, path: '', message: 'cannot read config: no such file' }] });
  });
});
