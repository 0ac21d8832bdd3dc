import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../daemon/src/auth/token.repository.ts';
import { migrateToLatest } from '../daemon/src/db/migrate.ts';
import { openDatabase } from '../daemon/src/db/open.ts';
import { createScratchDatabase, testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { smtpSink } from '../daemon/src/outbox/testing/smtp-sink.ts';
import { spawnDaemon, waitFor, type DaemonProcess } from './support/daemon-process.ts';

const HOUR = 3_600_000;

/**
 * Issue #15's Done-when: an infrastructure window created 30 h ahead is
 * e-mailed at once, and not again after a kill -9 and a restart of the daemon
 * as a real process: the delivery is a committed row, and what the restarted
 * outbox finds delivered it leaves alone. That it has run since is shown by a
 * second window's mail, queued after the restart, arriving.
 */
describe.concurrent.each(testDatabaseKinds())('the outbox across kill -9 on %s', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-outbox-kill9-'));
  const configFile = join(dir, 'sla.yaml');
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let env: Record<string, string | undefined>;
  let token: string;
  let dropDatabase = async () => {};
  let daemon: DaemonProcess | undefined;

  beforeAll(async () => {
    sink = await smtpSink();
    writeFileSync(
      configFile,
      `components:\n  - { id: web, name: Web, tier: core }\n` +
        `notify:\n  email:\n    from: "Status <status@vendor.example>"\n    smtp: { host: 127.0.0.1, port: ${sink.port}, requireTls: false }\n` +
        `database: { dir: "${join(dir, 'data')}" }\n`,
    );
    let target: { url: string } | { dir: string };
    if (kind === 'postgres') {
      const scratch = await createScratchDatabase(process.env.DATABASE_URL!);
      dropDatabase = scratch.drop;
      env = { DATABASE_URL: scratch.url };
      target = { url: scratch.url };
    } else {
      env = { DATABASE_URL: undefined };
      target = { dir: join(dir, 'data') };
    }
    // The operator's token, written before the daemon holds the database (PGlite: one process per folder).
    const db = await openDatabase(target);
    await migrateToLatest(db.db);
    token = await createToken(db.db, 'ops-a', 'admin');
    await db.close();
  });
  afterAll(async () => {
    daemon?.child.kill('SIGKILL');
    await daemon?.exited;
    await sink?.close();
    await dropDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${daemon!.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return response.json() as Promise<{ id: number }>;
  };
  const window = (title: string) => ({ kind: 'infrastructure', title, components: ['web'], startsAt: new Date(Date.now() + 30 * HOUR).toISOString(), endsAt: new Date(Date.now() + 32 * HOUR).toISOString() });
  const mailsAbout = (title: string) => sink.received.filter((m) => m.subject?.includes(title));

  it('mails the notice once, and a kill -9 and restart send it no second time', async ({ expect }) => {
    daemon = await spawnDaemon(['--config', configFile], env);
    await post('/api/v1/contracts', { id: 'C-1', customer: 'Customer', annualFeeVnd: '73000000', components: ['web'] });
    await post('/api/v1/contracts/C-1/contacts', { email: 'it@customer.example', lang: 'en' });
    await post('/api/v1/maintenance', window('Disk upgrade'));
    await waitFor('the first mail', async () => (mailsAbout('Disk upgrade').length === 1 ? true : undefined));
    // Delivered and recorded: the row says so before the kill.
    await waitFor('its delivery recorded', async () => ((await (await fetch(`${daemon!.url}/metrics`)).text()).includes('sla_outbox_messages{channel="email",state="delivered"} 1') ? true : undefined));

    daemon.child.kill('SIGKILL');
    expect(await daemon.exited).toBe('SIGKILL');
    daemon = await spawnDaemon(['--config', configFile], env);
    await post('/api/v1/maintenance', window('Network upgrade'));
    await waitFor('the mail queued after the restart', async () => (mailsAbout('Network upgrade').length === 1 ? true : undefined));
    expect(mailsAbout('Disk upgrade')).toHaveLength(1);

    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
    daemon = undefined;
  }, 120_000);
});
