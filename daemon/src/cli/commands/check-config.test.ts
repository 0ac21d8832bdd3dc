import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';

async function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env, cwd });
  return { code, stdout, stderr };
}

describe('sla check-config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-config-'));
  writeFileSync(join(dir, 'good.yaml'), 'components:\n  - { id: app, name: App, tier: core }\n');
  writeFileSync(join(dir, 'bad.yaml'), 'components:\n  - { id: app, name: App, tier: gold }\nmonitors: 3\n');

  it('exits 0 on a valid file', async () => {
    expect(await run(['check-config', 'good.yaml'], dir)).toEqual({ code: 0, stdout: 'good.yaml: ok (1 components, 0 monitors, 0 contracts)\n', stderr: '' });
  });

  it('exits 2 with every problem, file:line: path: message, and nothing on stdout', async () => {
    expect(await run(['check-config', 'bad.yaml'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bad.yaml:2: components[0].tier: must be one of core, feature\nbad.yaml:3: monitors: must be a list, not number 3\n',
    });
  });

  it('checks that the secrets auth names are in its environment, naming the variable and never the value (issue #14)', async () => {
    writeFileSync(join(dir, 'auth.yaml'), 'components:\n  - { id: app, name: App, tier: core }\nmonitors:\n  - { id: m, component: app, kind: http, target: "https://h.test/", auth: { bearer: { tokenEnv: SLA_PROBE_TOKEN } } }\n');
    expect(await run(['check-config', 'auth.yaml'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'auth.yaml:4: monitors[0].auth.bearer.tokenEnv: environment variable SLA_PROBE_TOKEN is not set\n',
    });
    const refused = await run(['check-config', 'auth.yaml'], dir, { SLA_PROBE_TOKEN: 'sekrit\n' });
    expect(refused.stderr).toContain('SLA_PROBE_TOKEN holds CR, LF');
    expect(refused.stderr).not.toContain('sekrit');
    expect((await run(['check-config', 'auth.yaml'], dir, { SLA_PROBE_TOKEN: 'sekrit' })).code).toBe(0);
  });

  it('checks the SMTP password variable notify.email names, as the monitors’ secrets (issue #15)', async () => {
    writeFileSync(join(dir, 'smtp.yaml'), 'components:\n  - { id: app, name: App, tier: feature }\nnotify:\n  email:\n    from: status@vendor.example\n    smtp: { host: smtp.vendor.example, user: status, passwordEnv: SLA_SMTP_PASSWORD }\n');
    expect(await run(['check-config', 'smtp.yaml'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'smtp.yaml:6: notify.email.smtp.passwordEnv: environment variable SLA_SMTP_PASSWORD is not set\n',
    });
    expect((await run(['check-config', 'smtp.yaml'], dir, { SLA_SMTP_PASSWORD: 'pw' })).code).toBe(0);
  });

  it('checks each webhook secret variable notify.webhooks names: set, and a Standard Webhooks secret (issue #15)', async () => {
    writeFileSync(
      join(dir, 'hooks.yaml'),
      'components:\n  - { id: app, name: App, tier: feature }\nnotify:\n  webhooks:\n    - { id: ops, url: "https://hooks.vendor.example/sla", secretEnv: SLA_HOOK_SECRET }\n    - { id: ops, url: "ftp://x.example/", secretEnv: SLA_HOOK_SECRET, events: [outage.opened] }\n',
    );
    const { code, stderr } = await run(['check-config', 'hooks.yaml'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('hooks.yaml:5: notify.webhooks[0].secretEnv: environment variable SLA_HOOK_SECRET is not set\n');
    expect(stderr).toContain('hooks.yaml:6: notify.webhooks[1].url: must be an http:// or https:// URL');
    expect(stderr).toContain('hooks.yaml:6: notify.webhooks[1].events[0]: must be one of maintenance.announced, maintenance.reminder, maintenance.cancelled');
    writeFileSync(join(dir, 'hook.yaml'), 'components:\n  - { id: app, name: App, tier: feature }\nnotify:\n  webhooks:\n    - { id: ops, url: "https://hooks.vendor.example/sla", secretEnv: SLA_HOOK_SECRET }\n');
    writeFileSync(join(dir, 'twice.yaml'), 'components:\n  - { id: app, name: App, tier: feature }\nnotify:\n  webhooks:\n    - { id: ops, url: "https://a.example/", secretEnv: SLA_HOOK_SECRET }\n    - { id: ops, url: "https://b.example/", secretEnv: SLA_HOOK_SECRET }\n');
    expect((await run(['check-config', 'twice.yaml'], dir, { SLA_HOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })).stderr).toBe('twice.yaml:6: notify.webhooks[1].id: the webhook id ops is used twice\n');
    const malformed = await run(['check-config', 'hook.yaml'], dir, { SLA_HOOK_SECRET: 'whsec_not base64!' });
    expect(malformed.stderr).toBe('hook.yaml:5: notify.webhooks[0].secretEnv: environment variable SLA_HOOK_SECRET is not a webhook secret (whsec_ and base64)\n');
    expect((await run(['check-config', 'hook.yaml'], dir, { SLA_HOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })).code).toBe(0);
  });

  it('checks the subscription links\' key notify.subscriptions names: set and long enough (issue #15)', async () => {
    writeFileSync(join(dir, 'subs.yaml'), 'components:\n  - { id: app, name: App, tier: feature }\nnotify:\n  subscriptions:\n    secretEnv: SLA_SUBSCRIPTION_KEY\n');
    expect((await run(['check-config', 'subs.yaml'], dir)).stderr).toBe('subs.yaml:5: notify.subscriptions.secretEnv: environment variable SLA_SUBSCRIPTION_KEY is not set\n');
    expect((await run(['check-config', 'subs.yaml'], dir, { SLA_SUBSCRIPTION_KEY: 'short' })).stderr).toBe('subs.yaml:5: notify.subscriptions.secretEnv: environment variable SLA_SUBSCRIPTION_KEY is shorter than 32 characters\n');
    expect((await run(['check-config', 'subs.yaml'], dir, { SLA_SUBSCRIPTION_KEY: 'k'.repeat(32) })).code).toBe(0);
  });

  it('warns, exit 0, about core monitors without a canary (issue #14)', async () => {
    writeFileSync(join(dir, 'no-canary.yaml'), 'components:\n  - { id: app, name: App, tier: core }\nmonitors:\n  - { id: m, component: app, kind: tcp, target: "127.0.0.1:1" }\n');
    const { code, stderr } = await run(['check-config', 'no-canary.yaml'], dir);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^no-canary\.yaml: warning: isolation\.canary: no canary: /);
  });

  it('exits 2 on a missing file', async () => {
    expect(await run(['check-config', 'nope.yaml'], dir)).toEqual({ code: 2, stdout: '', stderr: 'nope.yaml: cannot read config: no such file\n' });
  });

  it('ships a demo config that passes without a warning', async () => {
    const demo = await run(['check-config', join(import.meta.dirname, '../../../../config/demo.yaml')], dir);
    expect(demo.code).toBe(0);
    expect(demo.stderr).toBe('');
  });

  it("reports operators' alert routes by path: an unknown event, an unknown webhook id, an unset Slack URL variable (issue #15)", async () => {
    writeFileSync(
      join(dir, 'alerts.yaml'),
      [
        'components:',
        '  - { id: app, name: App, tier: core }',
        'notify:',
        '  alerts:',
        '    - { id: oncall, events: [outage.opened, outage.exploded], to: { email: oncall@vendor.example } }',
        '    - { id: hook, events: [outage.closed], to: { webhook: nowhere } }',
        '    - { id: chat, events: [credit.waiting], lang: en, to: { slack: { urlEnv: SLA_SLACK_URL } } }',
        '',
      ].join('\n'),
    );
    const result = await run(['check-config', 'alerts.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').filter(Boolean).sort()).toEqual([
      expect.stringMatching(/^alerts\.yaml:5: notify\.alerts\[0\]\.events\[1\]: must be one of outage\.opened, /),
      'alerts.yaml:6: notify.alerts[1].to.webhook: unknown webhook "nowhere" (not in notify.webhooks)',
      'alerts.yaml:7: notify.alerts[2].to.slack.urlEnv: environment variable SLA_SLACK_URL is not set',
    ]);
    const fixed = await run(['check-config', 'alerts.yaml'], dir, { SLA_SLACK_URL: 'https://hooks.slack.test/T/B/x' });
    expect(fixed.stderr).not.toContain('SLA_SLACK_URL');
  });
});
