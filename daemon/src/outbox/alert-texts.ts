import type { AlertEvent } from '@sla/shared';

/** What each alert says about the fact that caused it (issue #15): ids and instants only, never a customer's name or money. */
export interface AlertFacts {
  'outage.opened': { outageId: number; componentId: string; impact: string; startedAt: string };
  'outage.closed': { outageId: number; componentId: string; impact: string; startedAt: string; endedAt: string };
  'location.isolated': { location: string; at: string };
  /** A message the outbox gave up on; its cause, never its recipient. */
  'delivery.failing': { messageId: string; channel: string; cause: string; reason: string };
  'notice.deadline': { windowId: number; kind: string; title: string; startsAt: string; deadline: string };
  'credit.waiting': { entryId: number; contractId: string; proposedAt: string };
}

type Text<E extends AlertEvent> = (f: AlertFacts[E]) => { title: string; lines: string[] };
type Dictionary = { [E in AlertEvent]: Text<E> };

/** Issue #15: the operators' alerts in Vietnamese and English (the outbox's templates sit beside it, maintenance-notices.ts). */
export const ALERT_TEXTS: Record<'vi' | 'en', Dictionary> = {
  vi: {
    'outage.opened': (f) => ({ title: `Sự cố: ${f.componentId} (${f.impact})`, lines: [`Sự cố #${f.outageId} bắt đầu lúc ${f.startedAt}.`] }),
    'outage.closed': (f) => ({ title: `Đã khắc phục: ${f.componentId}`, lines: [`Sự cố #${f.outageId} (${f.impact}) từ ${f.startedAt} đến ${f.endedAt}.`] }),
    'location.isolated': (f) => ({ title: `Điểm đo ${f.location} bị cô lập`, lines: [`Từ ${f.at}, phiếu của điểm đo ${f.location} không được tính.`] }),
    'delivery.failing': (f) => ({ title: `Không gửi được tin nhắn ${f.messageId}`, lines: [`Kênh ${f.channel}, nguyên nhân ${f.cause}: ${f.reason}`] }),
    'notice.deadline': (f) => ({ title: `Sắp quá hạn thông báo bảo trì #${f.windowId}`, lines: [`"${f.title}" bắt đầu lúc ${f.startsAt}; thông báo phải được gửi trước ${f.deadline} và chưa có thông báo nào được gửi đi.`] }),
    'credit.waiting': (f) => ({ title: `Khoản bồi hoàn #${f.entryId} chờ duyệt`, lines: [`Hợp đồng ${f.contractId}: đề xuất từ ${f.proposedAt}, quá 24 giờ chưa được duyệt.`] }),
  },
  en: {
    'outage.opened': (f) => ({ title: `Outage: ${f.componentId} (${f.impact})`, lines: [`Outage #${f.outageId} started at ${f.startedAt}.`] }),
    'outage.closed': (f) => ({ title: `Resolved: ${f.componentId}`, lines: [`Outage #${f.outageId} (${f.impact}) from ${f.startedAt} to ${f.endedAt}.`] }),
    'location.isolated': (f) => ({ title: `Location ${f.location} is isolated`, lines: [`Since ${f.at} the votes of location ${f.location} are not counted.`] }),
    'delivery.failing': (f) => ({ title: `Message ${f.messageId} could not be delivered`, lines: [`Channel ${f.channel}, cause ${f.cause}: ${f.reason}`] }),
    'notice.deadline': (f) => ({ title: `Maintenance #${f.windowId} is about to miss its notice`, lines: [`"${f.title}" starts at ${f.startsAt}; its notice must go out before ${f.deadline} and none has been delivered.`] }),
    'credit.waiting': (f) => ({ title: `Credit #${f.entryId} waits for approval`, lines: [`Contract ${f.contractId}: proposed at ${f.proposedAt}, not decided for more than 24 h.`] }),
  },
};
