// 'host:port' targets of the tcp and tls probers, and the dns prober's server.

/** A spec the config schema should have rejected: a bug of ours, so it throws. */
export class InvalidTargetError extends Error {
  override name = 'InvalidTargetError';
}

export interface HostPort {
  host: string;
  port: number;
}

/** Parses 'example.com:443', '10.0.0.1:53' or '[::1]:8443' (brackets around IPv6). */
export function parseHostPort(target: string): HostPort {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(target);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (host === undefined || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new InvalidTargetError(`expected 'host:port', got '${target}'`);
  }
  return { host, port };
}
