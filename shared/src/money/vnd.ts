// Money is whole VND as bigint: fines double per occurrence (docs/contract.md §1.2)
// and pass 2^53 after ~34 occurrences, so no floating point ever touches it.

/**
 * n ÷ d rounded half up, for n ≥ 0 and d > 0. The engine divides exactly once,
 * at the end of each line (docs/case-file.md: "rounded half up once at the end").
 */
export function divideHalfUp(n: bigint, d: bigint): bigint {
  if (n < 0n || d <= 0n) throw new RangeError(`divideHalfUp needs n ≥ 0 and d > 0, got ${n} / ${d}`);
  return (2n * n + d) / (2n * d);
}

/** ⌈n ÷ d⌉ for n ≥ 0 and d > 0. */
export function divideCeil(n: bigint, d: bigint): bigint {
  if (n < 0n || d <= 0n) throw new RangeError(`divideCeil needs n ≥ 0 and d > 0, got ${n} / ${d}`);
  return (n + d - 1n) / d;
}

/**
 * `500.000 ₫` (dots between thousands, U+00A0 before ₫). Intl formats a
 * bigint from its decimal digits, never through a float, so it is exact for
 * any amount (issue #12: it replaces a hand-written grouping).
 */
const VND = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });

export function formatVnd(amount: bigint): string {
  return VND.format(amount);
}
