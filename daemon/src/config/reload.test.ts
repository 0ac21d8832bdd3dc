import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { reloadConfig } from './reload.ts';

// The SIGHUP handler's promise has no one to catch it: a rejection there is unhandled and ends
// the daemon (issue #13). loadConfigFile rejects when its thread dies without a result (out of
// memory on a huge file, say): that reload must be refused like an invalid file, not be fatal.
describe('reloadConfig (SIGHUP)', () => {
  it('refuses a reload whose config could not be loaded at all, and keeps the running config', async () => {
    const lines: string[] = [];
    const calls: string[] = [];
    const daemon = { reload: async () => void calls.push('reload'), reloadRefused: () => void calls.push('refused') };
    const load = () => Promise.reject(new Error('the config thread ended (code 1) without a result'));
    await expect(reloadConfig({ load, daemon, logger: createLogger((l) => void lines.push(l)) })).resolves.toBeUndefined();
    expect(calls).toEqual(['refused']);
    expect(lines.join('')).toContain('config reload refused, keeping the running config: the config thread ended (code 1) without a result');
  });
});
