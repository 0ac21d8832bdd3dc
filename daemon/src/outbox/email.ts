import nodemailer from 'nodemailer';
import type { OutboxMessage } from './outbox.repository.ts';
import type { Sender, SendResult } from './sender.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** Refuse to send over a connection without TLS. */
  requireTls: boolean;
  /** The password comes from the environment (never from the config file itself). */
  auth?: { user: string; password: string };
  from: string;
  timeoutMs: number;
}

/**
 * E-mail over SMTP with nodemailer (issue #15). A message counts as delivered
 * when the server accepted it for its recipient (250 to DATA): that instant is
 * what a maintenance notice is judged by (SLA §C.1). The Message-ID comes from
 * the idempotency key, so a message sent again after a crash is the same
 * message to the receiving side.
 */
export function createEmailSender(settings: SmtpSettings, now: () => number): Sender & { close: () => void } {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTls,
    auth: settings.auth ? { user: settings.auth.user, pass: settings.auth.password } : undefined,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
  const domain = settings.from.split('@')[1]?.replace(/[>\s]/g, '') || 'sla-ledger.invalid';
  const send = async (message: OutboxMessage): Promise<SendResult> => {
    try {
      const info = await transport.sendMail({
        from: settings.from,
        to: message.recipient,
        subject: message.subject,
        text: message.body_text,
        html: message.body_html ?? undefined,
        headers: message.headers ?? undefined,
        messageId: `<${encodeURIComponent(message.idempotency_key)}@${domain}>`,
      });
      if (info.accepted.length > 0) return { ok: true, acceptedAt: new Date(now()) };
      return { ok: false, reason: `the server refused the recipient: ${String(info.response).slice(0, 200)}`, permanent: true };
    } catch (error) {
      return smtpFailure(error);
    }
  };
  return Object.assign(send, { close: () => transport.close() });
}

/** An SMTP error as a typed reason: 5xx replies are permanent, the rest (4xx, network, timeouts) are retried. */
function smtpFailure(error: unknown): SendResult {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const permanent = e.responseCode !== undefined && e.responseCode >= 500;
  const what = e.responseCode !== undefined ? `SMTP ${e.responseCode}` : (e.code ?? 'error');
  return { ok: false, reason: `${what}: ${(e.message ?? String(error)).slice(0, 200)}`, permanent };
}
