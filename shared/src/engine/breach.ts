import { divideHalfUp } from '../money/vnd.ts';

/** What a confidentiality breach costs, and how it was counted (docs/contract.md §1.3). */
export interface BreachFigures {
  /** 12-month terms fully ended before the breach's term began. */
  termsEnded: number;
  /** Days of the term the breach falls in, on the contract's calendar (365 or 366). */
  termDays: number;
  /** Days of that term used by the breach, the breach day included by default. */
  usedDays: number;
  /** 100 % of the contract's value from signing to the breach: ended terms' fees + the used part of the current one. */
  valueVnd: bigint;
  /** The unused balance of the prepaid term: its fee less its used part. */
  refundVnd: bigint;
  amountVnd: bigint;
}

const localDay = (seconds: number, timeZone: string) =>
  Temporal.Instant.fromEpochMilliseconds(seconds * 1000).toZonedDateTimeISO(timeZone).toPlainDate();

/**
 * Terms §4 with terms §8 (docs/contract.md §1.3): fees are prepaid per 12
 * months from signing, counted in whole days on the contract's calendar. The
 * term the breach falls in is the one whose first day is on or before the
 * breach day (a breach on a renewal day falls in the new term); its used part
 * is fee × used days ÷ term days, rounded half up once, and the refund is the
 * rest of that fee, so value + refund is every fee paid to date.
 */
export function breachFigures(annualFeeVnd: bigint, timeZone: string, signedAt: number, at: number, breachDayUsed: boolean): BreachFigures {
  const signed = localDay(signedAt, timeZone);
  const breach = localDay(at, timeZone);
  // A term starts on the signing day's anniversary (29 February: the 28th), always counted from signing, never chained.
  const termStart = (n: number) => signed.add({ years: n });
  let termsEnded = Math.max(0, breach.year - signed.year);
  while (termsEnded > 0 && Temporal.PlainDate.compare(termStart(termsEnded), breach) > 0) termsEnded -= 1;
  const start = termStart(termsEnded);
  const termDays = termStart(termsEnded + 1).since(start).days;
  const usedDays = breach.since(start).days + (breachDayUsed ? 1 : 0);
  const used = divideHalfUp(annualFeeVnd * BigInt(usedDays), BigInt(termDays));
  const valueVnd = annualFeeVnd * BigInt(termsEnded) + used;
  const refundVnd = annualFeeVnd - used;
  return { termsEnded, termDays, usedDays, valueVnd, refundVnd, amountVnd: valueVnd + refundVnd };
}
