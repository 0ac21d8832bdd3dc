/**
 * Uptime as the status page and the badges write it (issue #19: one
 * formatter for both): rounded down to two decimals, so 100% only when
 * nothing was down, and then without decimals; `noData` when nothing was
 * observed. Intl in the reader's locale ("99.95%", "99,95 %").
 */
export function uptimeFormatter(locale: string, noData: string): (ratio: number | null) => string {
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2, roundingMode: 'trunc' });
  const whole = new Intl.NumberFormat(locale, { style: 'percent' });
  return (ratio) => (ratio === null ? noData : ratio === 1 ? whole.format(1) : percent.format(ratio));
}
