/**
 * A bounded memory of computed values (issue #13): two generations of at most
 * `size` entries; when the newer fills up the older is dropped, and a value
 * found in the older is carried into the newer, so what is still asked for
 * stays while what nobody asks for any more goes.
 */
export function generations<V>(size: number) {
  let current = new Map<string, V>();
  let older = new Map<string, V>();
  const remember = (key: string, value: V): V => {
    if (current.size >= size) {
      older = current;
      current = new Map();
    }
    current.set(key, value);
    return value;
  };
  return {
    get: (key: string): V | undefined => {
      const known = current.get(key);
      if (known !== undefined) return known;
      const old = older.get(key);
      return old === undefined ? undefined : remember(key, old);
    },
    remember,
  };
}
