// fs-native-extensions ships no types; the one function db/lock.ts uses.
declare module 'fs-native-extensions' {
  /** An exclusive (or `shared`) lock on the open file `fd`, without waiting: false when another holds it. */
  export function tryLock(fd: number, opts?: { shared?: boolean }): boolean;
}
