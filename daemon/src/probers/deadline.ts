// undici keeps waiting for a connection in progress after the request's
// signal fires (measured: a TLS handshake that never completes rejects only at
// the 10 s connect timeout), so each prober races its work against the signal
// to return promptly after the deadline (issue: "well within timeout + 100 ms").

/**
 * Settles with `work`, or rejects with the signal's reason as soon as it fires.
 * The caller must then release what `work` holds (destroy the socket or client);
 * a later rejection of `work` is swallowed so it is not reported as unhandled.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => {});
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
