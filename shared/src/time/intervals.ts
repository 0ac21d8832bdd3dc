// Half-open intervals [start, end) of instants in epoch seconds. Half-open so
// that back-to-back facts (a state change at 10:00, a window ending at 06:00)
// share no second and lengths add up exactly: the engine's invariant
// `outageSeconds = creditableSeconds + Σ excluded` (docs/case-file.md) rests on it.
// Unbounded sides use ±Infinity (e.g. "before the policy's effective date").

export interface Interval {
  readonly start: number;
  readonly end: number;
}

export function interval(start: number, end: number): Interval {
  return { start, end };
}

export function isEmpty(i: Interval): boolean {
  return !(i.start < i.end);
}

/** Sorted, non-empty, non-overlapping, non-touching: the normal form every other function expects and returns. */
export function merge(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((i) => !isEmpty(i)).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last !== undefined && i.start <= last.end) {
      if (i.end > last.end) out[out.length - 1] = { start: last.start, end: i.end };
    } else {
      out.push(i);
    }
  }
  return out;
}

/** Seconds covered; the list must be in normal form (see `merge`) or merely disjoint. */
export function measure(list: readonly Interval[]): number {
  let total = 0;
  for (const i of list) total += i.end - i.start;
  return total;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The part of each interval inside `to` (normal form in, normal form out). */
export function clip(list: readonly Interval[], to: Interval): Interval[] {
  const out: Interval[] = [];
  for (const i of list) {
    const start = Math.max(i.start, to.start);
    const end = Math.min(i.end, to.end);
    if (start < end) out.push({ start, end });
  }
  return out;
}

/** a ∩ b for two lists in normal form, by one sweep. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start < end) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** a − b for two lists in normal form, by one sweep. */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const x of a) {
    let start = x.start;
    while (j < b.length && b[j]!.end <= start) j++;
    let k = j;
    while (k < b.length && b[k]!.start < x.end) {
      const y = b[k]!;
      if (y.start > start) out.push({ start, end: y.start });
      start = Math.max(start, y.end);
      k++;
    }
    if (start < x.end) out.push({ start, end: x.end });
  }
  return out;
}
