import type { Config, Env } from '@sla/shared';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { OutboxBell } from './bell.ts';
import { ALERT_CAUSE_PREFIX, queueAlert } from './alerts.ts';
import { createDeliverer } from './deliverer.ts';
import { recordDeliveredNotice } from './delivered-notice.ts';
import { startRounds } from './rounds.ts';
import { createSlackSender } from './slack.ts';

/** The safety net's period: what no ring announced (another daemon's messages, retries, reminders falling due) waits at most this. */
export const OUTBOX_POLL_MS = 5_000;

/**
 * Starts delivering the outbox when `notify.email` or `notify.webhooks` is configured (issue #15).
 * Without it messages wait in the outbox, nothing lost, until a config that
 * can send them. The SMTP password is read from the variable the config names;
 * a missing one stops the start with the variable's name (never a value).
 */
export async function startOutbox(o: {
  db: Db;
  config: Config['notify'];
  now: () => number;
  logger: Logger;
  env: Env;
  /** A delivered maintenance notice was recorded on these components' window: their contracts' verdicts may change. */
  onNoticeRecorded?: (components: string[]) => Promise<void>;
  /** Rung when this daemon queues a message: a round starts at once (issue #15). */
  bell?: OutboxBell;
  /** Default OUTBOX_POLL_MS; tests lengthen it to show a ring, not the poll, sent the message. */
  pollMs?: number;
}): Promise<{ stop: () => Promise<void> }> {
  const settings = o.config.email;
  const hooks = o.config.webhooks ?? [];
  const alerts = o.config.alerts ?? [];
  if (settings === undefined && hooks.length === 0 && alerts.length === 0) return { stop: async () => {} };
  // Checked at load (secrets.ts); a variable unset since is refused here with its name, never a value.
  const endpoints = hooks.map((h) => {
    const secret = o.env[h.secretEnv];
    if (!secret) throw new Error(`notify.webhooks ${h.id}: the environment variable ${h.secretEnv} is not set`);
    return { id: h.id, url: h.url, secret, timeoutMs: h.timeout };
  });
  // The senders' libraries (nodemailer, standardwebhooks) load only when configured: not at every start (issue #13).
  const webhook = endpoints.length === 0 ? undefined : (await import('./webhook.ts')).createWebhookSender(endpoints, o.now);
  const email = settings === undefined ? undefined : await emailSender(settings, o.env, o.now);
  const slack = slackSender(alerts, o.env, o.now);
  const recorded: string[][] = [];
  const deliverer = createDeliverer({
    db: o.db,
    now: o.now,
    senders: { email, webhook, slack },
    logger: o.logger,
    onDelivered: async (tx, message) => {
      const components = await recordDeliveredNotice(tx, message);
      if (components !== undefined) recorded.push(components);
    },
    // Issue #15: a message given up tells the operators, except an alert itself (it would tell them of itself, again and again).
    onFailed: async (tx, message, reason) => {
      if (message.cause.startsWith(ALERT_CAUSE_PREFIX)) return;
      await queueAlert(tx, alerts, 'delivery.failing', message.id, { messageId: message.id, channel: message.channel, cause: message.cause, reason }, new Date(o.now()));
    },
  });
  const rounds = startRounds(
    async () => {
      await deliverer.deliverDue();
      // Inside the round, so stop() waits for it too.
      for (const components of recorded.splice(0)) await o.onNoticeRecorded?.(components);
    },
    { pollMs: o.pollMs ?? OUTBOX_POLL_MS, onError: (error) => o.logger.error('outbox: delivery round failed; the next round retries', error) },
  );
  const hangUp = o.bell?.answer(rounds.wake);
  return {
    stop: async () => {
      hangUp?.();
      await rounds.stop();
      email?.close();
    },
  };
}

/** Issue #15: operators' chat, one URL per Slack-compatible alert route, read from the variable it names. */
function slackSender(alerts: Config['notify']['alerts'], env: Env, now: () => number) {
  const routes = alerts.flatMap((r) => {
    if (!('slack' in r.to)) return [];
    const url = env[r.to.slack.urlEnv];
    if (!url) throw new Error(`notify.alerts ${r.id}: the environment variable ${r.to.slack.urlEnv} is not set`);
    return [{ id: r.id, url }];
  });
  return routes.length === 0 ? undefined : createSlackSender(routes, now);
}

async function emailSender(settings: NonNullable<Config['notify']['email']>, env: Env, now: () => number) {
  const { smtp } = settings;
  const password = smtp.passwordEnv === undefined ? undefined : env[smtp.passwordEnv];
  if (smtp.passwordEnv !== undefined && !password) throw new Error(`notify.email.smtp.passwordEnv: the environment variable ${smtp.passwordEnv} is not set`);
  return (await import('./email.ts')).createEmailSender(
    { host: smtp.host, port: smtp.port, secure: smtp.secure, requireTls: smtp.requireTls, from: settings.from, timeoutMs: smtp.timeout, auth: smtp.user && password ? { user: smtp.user, password } : undefined },
    now,
  );
}
