import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MinHeap } from './heap.ts';

describe('MinHeap', () => {
  it('pops in ascending key order whatever the push order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (keys) => {
        const heap = new MinHeap<number>((k) => k);
        for (const k of keys) heap.push(k);
        const out: number[] = [];
        while (heap.size > 0) out.push(heap.pop()!);
        expect(out).toEqual([...keys].sort((a, b) => a - b));
      }),
    );
  });
});
