// @peculiar/x509 uses tsyringe, which refuses to load without a Reflect
// metadata polyfill, and none is installed in the workspace (adding
// `reflect-metadata` as a dev dependency would replace this file). tsyringe
// only calls these three functions, so a WeakMap-backed version is enough.
const store = new WeakMap<object, Map<unknown, unknown>>();

function own(target: object): Map<unknown, unknown> {
  let map = store.get(target);
  if (!map) {
    map = new Map();
    store.set(target, map);
  }
  return map;
}

const polyfill = {
  defineMetadata: (key: unknown, value: unknown, target: object) => void own(target).set(key, value),
  getOwnMetadata: (key: unknown, target: object) => store.get(target)?.get(key),
  getMetadata: (key: unknown, target: object): unknown => {
    for (let t: object | null = target; t !== null; t = Object.getPrototypeOf(t)) {
      const map = store.get(t);
      if (map?.has(key)) return map.get(key);
    }
    return undefined;
  },
};

if (!('getMetadata' in Reflect)) Object.assign(Reflect, polyfill);
