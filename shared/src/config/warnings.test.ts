import { describe, expect, it } from 'vitest';
import { parseConfig } from './parse.ts';
import { configWarnings } from './warnings.ts';

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
});
