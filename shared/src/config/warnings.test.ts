import { describe, expect, it } from 'vitest';
import { parseConfig } from './parse.ts';
import { canariesOf, configWarnings } from './warnings.ts';

const config = (tier: string, isolation = '') => {
  const parsed = parseConfig(
    `components:\n  - { id: app, name: App, tier: ${tier} }\n` +
      `monitors:\n  - { id: app-http, component: app, kind: http, target: "http://127.0.0.1:1/" }\n  - { id: out, component: app, kind: tcp, target: "192.0.2.1:53" }\n${isolation}`,
    'sla.yaml',
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
};

describe('config warnings (issue #14)', () => {
  it('core monitors without a canary are warned about, by path', () => {
    expect(configWarnings(config('core'))).toMatchObject([{ path: 'isolation.canary', message: expect.stringContaining('no canary') }]);
  });
  it('a canary, or no core component, is no warning', () => {
    expect(configWarnings(config('core', 'isolation: { canary: out }\n'))).toEqual([]);
    expect(configWarnings(config('feature'))).toEqual([]);
  });
  it('several canaries (isolation.canaries) are no warning, and count with the single one', () => {
    const c = config('core', 'isolation: { canaries: [out, app-http] }\n');
    expect(configWarnings(c)).toEqual([]);
    expect(canariesOf(c.isolation)).toEqual(['out', 'app-http']);
    expect(canariesOf(config('core', 'isolation: { canary: out, canaries: [out, app-http] }\n').isolation)).toEqual(['out', 'app-http']);
  });
  it('an unknown canary in the list is reported with its path', () => {
    const parsed = parseConfig(
      'components:\n  - { id: app, name: App, tier: core }\nmonitors:\n  - { id: out, component: app, kind: tcp, target: "192.0.2.1:53" }\nisolation: { canaries: [out, nope] }\n',
      'sla.yaml',
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems).toContainEqual(expect.objectContaining({ path: 'isolation.canaries[1]', message: 'unknown monitor "nope"' }));
  });
});
