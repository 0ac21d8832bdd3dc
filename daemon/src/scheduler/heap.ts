/** A binary min-heap by `key`: the scheduler's next-due queue, O(log n) per monitor run. */
export class MinHeap<T> {
  #items: T[] = [];
  readonly #key: (item: T) => number;

  constructor(key: (item: T) => number) {
    this.#key = key;
  }

  get size(): number {
    return this.#items.length;
  }

  peek(): T | undefined {
    return this.#items[0];
  }

  push(item: T): void {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#key(items[parent]!) <= this.#key(items[i]!)) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < items.length && this.#key(items[l]!) < this.#key(items[smallest]!)) smallest = l;
      if (r < items.length && this.#key(items[r]!) < this.#key(items[smallest]!)) smallest = r;
      if (smallest === i) return top;
      [items[smallest], items[i]] = [items[i]!, items[smallest]!];
      i = smallest;
    }
  }

  clear(): void {
    this.#items = [];
  }
}
