import type { Config } from '@sla/shared';
import { contactsCovering } from '../contracts/contact.repository.ts';
import type { Db } from '../db/database.ts';
import type { NewOutboxMessage } from './outbox.repository.ts';
import { enqueue } from './outbox.repository.ts';
import { type AnnouncedWindow, windowCause, windowWebhookMessages } from './window-event.ts';

const HOUR = 3_600_000;

/**
 * Issue #15, SLA §C.1 (docs/contract.md §3.1): creating a window tells the
 * contacts of every contract covering its components, in their language and
 * their contract's time zone, at once; a `version_upgrade` needs a second
 * notice ≥ 24 h ahead, so a reminder is queued for 25 h before the start.
 * Called inside the transaction that creates the window.
 */
export async function announceWindow(db: Db, w: AnnouncedWindow, now: Date, webhooks: Config['notify']['webhooks'] = []): Promise<void> {
  const contacts = await contactsCovering(db, w.components);
  const reminderAt = Date.parse(w.startsAt) - 25 * HOUR;
  const rounds: Array<{ round: 'announce' | 'reminder'; at: Date }> = [{ round: 'announce', at: now }];
  if (w.kind === 'version_upgrade' && reminderAt > now.getTime()) rounds.push({ round: 'reminder', at: new Date(reminderAt) });
  const messages: Array<NewOutboxMessage & { next_attempt_at: Date }> = [];
  // One message per address and round, even when the address is a contact of several contracts.
  const seen = new Set<string>();
  for (const { round, at } of rounds)
    for (const c of contacts) {
      const key = `${windowCause(w.id)}:${round}:${c.email}`;
      if (seen.has(key)) continue;
      seen.add(key);
      messages.push({ idempotency_key: key, channel: 'email', recipient: c.email, cause: windowCause(w.id), ...noticeText(w, c.lang, c.timeZone, round), body_html: null, next_attempt_at: at });
    }
  // Issue #15: the same rounds to each webhook endpoint that takes the event, as Standard Webhooks JSON (no contacts, no customers).
  for (const { round, at } of rounds) {
    messages.push(...windowWebhookMessages(w, round === 'announce' ? 'maintenance.announced' : 'maintenance.reminder', round, at, webhooks));
  }
  await enqueue(db, messages, now);
}

/** A cancelled window's messages not yet sent are not sent. */
export async function withdrawWindowNotices(db: Db, id: number): Promise<void> {
  await db.updateTable('outbox_messages').set({ state: 'cancelled' }).where('cause', '=', windowCause(id)).where('state', '=', 'pending').execute();
}

const KIND_WORDS = {
  vi: { minor_update: 'cập nhật nhỏ', infrastructure: 'bảo trì hạ tầng', backup: 'sao lưu', version_upgrade: 'nâng cấp phiên bản' },
  en: { minor_update: 'minor update', infrastructure: 'infrastructure maintenance', backup: 'backup', version_upgrade: 'version upgrade' },
} as const;

function noticeText(w: AnnouncedWindow, lang: 'vi' | 'en', timeZone: string, round: 'announce' | 'reminder') {
  const when = (iso: string) =>
    new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone, day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  const kind = KIND_WORDS[lang][w.kind];
  const components = w.components.join(', ');
  if (lang === 'vi')
    return {
      subject: `${round === 'reminder' ? '[Nhắc lại] ' : ''}[Bảo trì] ${w.title}`,
      body_text: [`Kính gửi Quý khách,`, ``, `Chúng tôi sẽ thực hiện ${kind} (${components}) từ ${when(w.startsAt)} đến ${when(w.endsAt)} (giờ ${timeZone}).`, ...paragraph(w.description), ``, `Trân trọng.`].join('\n'),
    };
  return {
    subject: `${round === 'reminder' ? '[Reminder] ' : ''}[Maintenance] ${w.title}`,
    body_text: [`Dear customer,`, ``, `We will carry out ${kind} (${components}) from ${when(w.startsAt)} to ${when(w.endsAt)} (${timeZone} time).`, ...paragraph(w.description), ``, `Kind regards.`].join('\n'),
  };
}

const paragraph = (text: string) => (text === '' ? [] : ['', text]);
