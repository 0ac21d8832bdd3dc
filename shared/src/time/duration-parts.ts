// License time as a statement reads it (issue #16): days and hours, not raw
// seconds. Exact on bigint (a ledger total may be any size); the parts that are
// zero are left to the caller's wording, the sign kept apart.

export interface DurationParts {
  negative: boolean;
  days: bigint;
  hours: bigint;
  minutes: bigint;
  seconds: bigint;
}

export function durationParts(total: bigint): DurationParts {
  const negative = total < 0n;
  let rest = negative ? -total : total;
  const days = rest / 86_400n;
  rest %= 86_400n;
  const hours = rest / 3_600n;
  rest %= 3_600n;
  return { negative, days, hours, minutes: rest / 60n, seconds: rest % 60n };
}

/** The parts joined in one language's words: `unit(n, 'day')` for each non-zero part, `zero` when all are. */
export function durationText(total: bigint, unit: (n: bigint, part: 'day' | 'hour' | 'minute' | 'second') => string, zero: string): string {
  const p = durationParts(total);
  const words = (['day', 'hour', 'minute', 'second'] as const).flatMap((part) => {
    const n = p[`${part}s`];
    return n === 0n ? [] : [unit(n, part)];
  });
  if (words.length === 0) return zero;
  return `${p.negative ? '−' : ''}${words.join(' ')}`;
}
