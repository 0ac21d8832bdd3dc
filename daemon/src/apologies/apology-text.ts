/** What an apology is about: one very critical outage of one contract, and the license time its ledger line earns. */
export interface ApologyFacts {
  component: string;
  startedAt: Date;
  endedAt: Date;
  /** The contract's clock (docs/contract.md §6): the window is told in it. */
  timeZone: string;
  licenseSeconds: bigint;
}

export interface ApologyText {
  subject: string;
  body: string;
}

const DAY = 86_400n;
const HOUR = 3_600n;

/**
 * License time in days and hours, from the ledger line's whole seconds in
 * bigint (docs/contract.md §1.1: 12 h a block, so days and hours say it
 * exactly; a rest under an hour, never owed today, is said in minutes rather
 * than dropped).
 */
export function licenseTime(seconds: bigint, lang: 'vi' | 'en'): string {
  const days = seconds / DAY;
  const hours = (seconds % DAY) / HOUR;
  const minutes = (seconds % HOUR) / 60n;
  const words = lang === 'vi' ? { d: () => 'ngày', h: () => 'giờ', m: () => 'phút' } : { d: (n: bigint) => (n === 1n ? 'day' : 'days'), h: (n: bigint) => (n === 1n ? 'hour' : 'hours'), m: (n: bigint) => (n === 1n ? 'minute' : 'minutes') };
  const parts = [
    [days, words.d],
    [hours, words.h],
    [minutes, words.m],
  ] as const;
  const said = parts.filter(([n]) => n > 0n).map(([n, w]) => `${n} ${w(n)}`);
  return said.length === 0 ? (lang === 'vi' ? '0 giờ' : '0 hours') : said.join(' ');
}

/** The instant on the contract's clock, as the maintenance notices write it. */
export function onClock(at: Date, lang: 'vi' | 'en', timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone, day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** Issue #15, SLA §C.5: the draft an operator edits and approves, in both languages. */
export function apologyText(f: ApologyFacts, lang: 'vi' | 'en'): ApologyText {
  const from = onClock(f.startedAt, lang, f.timeZone);
  const to = onClock(f.endedAt, lang, f.timeZone);
  const credit = licenseTime(f.licenseSeconds, lang);
  if (lang === 'vi')
    return {
      subject: `[Xin lỗi] Sự cố nghiêm trọng ${f.component}`,
      body: [
        'Kính gửi Quý khách,',
        '',
        `Chúng tôi chân thành xin lỗi vì sự cố rất nghiêm trọng của ${f.component} từ ${from} đến ${to} (giờ ${f.timeZone}).`,
        `Theo SLA, Quý khách được cộng ${credit} thời hạn sử dụng giấy phép.`,
        '',
        'Trân trọng.',
      ].join('\n'),
    };
  return {
    subject: `[Apology] Very critical outage of ${f.component}`,
    body: ['Dear customer,', '', `We sincerely apologise for the very critical outage of ${f.component} from ${from} to ${to} (${f.timeZone} time).`, `Under the SLA, your license is extended by ${credit}.`, '', 'Kind regards.'].join('\n'),
  };
}
