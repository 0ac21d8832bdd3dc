import type { HttpSpec } from '../types.ts';

/** An http monitor's spec as the config gives it by default (2xx, a new connection per probe), for the probers' tests. */
export function httpSpec(target: string, expect: Partial<HttpSpec['expect']> = {}, extra: Partial<HttpSpec> = {}): HttpSpec {
  return { kind: 'http', target, timeoutMs: 2_000, keepAlive: false, expect: { status: ['2xx'], ...expect }, ...extra };
}
