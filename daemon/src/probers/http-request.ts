// What one HTTP probe sends (issue #14): method, headers, credentials and
// body, the same on both paths (http-plain.ts writes it, undici is given it).
import type { HttpMethod } from '@sla/shared';
import type { HttpSpec } from './types.ts';

/** Both HTTP paths send it, unless the monitor's headers name another. */
export const USER_AGENT = 'sla-ledger-prober';

export interface HttpRequest {
  url: URL;
  method: HttpMethod;
  /** As sent, in order, after the host line: user-agent, the monitor's headers, then authorization. */
  headers: ReadonlyArray<readonly [string, string]>;
  body?: Buffer;
}

/** RFC 9110 §9.3: methods whose content has a meaning. undici sends `content-length: 0` for these without a body; so do we. */
export const sendsLength = (method: HttpMethod): boolean => method === 'POST' || method === 'PUT' || method === 'PATCH';

const requests = new WeakMap<HttpSpec, HttpRequest>();

/** The first request of a probe, made once per spec: the spec of a monitor lives as long as its config. */
export function firstRequest(spec: HttpSpec): HttpRequest {
  let request = requests.get(spec);
  if (request === undefined) {
    request = makeRequest(spec);
    requests.set(spec, request);
  }
  return request;
}

function makeRequest(spec: HttpSpec): HttpRequest {
  const own = Object.entries(spec.headers ?? {});
  const agent = own.some(([name]) => name.toLowerCase() === 'user-agent') ? [] : [['user-agent', USER_AGENT] as const];
  const auth = spec.authorization === undefined ? [] : [['authorization', spec.authorization] as const];
  const request: HttpRequest = { url: new URL(spec.target), method: spec.method ?? 'GET', headers: [...agent, ...own, ...auth] };
  if (spec.body !== undefined) request.body = Buffer.from(spec.body, 'utf8');
  return request;
}

/** The header of that name (case-insensitive), if the request has it. */
export function headerOf(request: HttpRequest, name: string): string | undefined {
  return request.headers.find(([n]) => n.toLowerCase() === name)?.[1];
}
