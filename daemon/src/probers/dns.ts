// DNS prober: ask one resolver (or the system's) for one record type. A
// resolution failure (NXDOMAIN, SERVFAIL, no record of that type) is 'dns';
// an answer that does not contain the expected value is 'body', like an HTTP
// body mismatch: the resolver worked, the content is wrong.
import { Resolver } from 'node:dns/promises';
import { untilAborted } from './deadline.ts';
import { failureFromError } from './failure.ts';
import { down, up } from './outcome.ts';
import type { DnsRecordType, DnsSpec, Prober } from './types.ts';

export const probeDns: Prober<DnsSpec> = async (spec, ctx) => {
  // A resolver per probe: servers differ per monitor, and cancel() must only
  // cancel this probe's query. tries: 1 so c-ares does not retry past our deadline.
  const resolver = new Resolver({ timeout: spec.timeoutMs, tries: 1 });
  if (spec.server !== undefined) resolver.setServers([spec.server]);
  const onAbort = () => resolver.cancel();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const start = ctx.monotonic();
  try {
    const answers = await untilAborted(query(resolver, spec.target, spec.recordType ?? 'A'), ctx.signal);
    const durationMs = ctx.monotonic() - start;
    const expected = spec.expect.contains;
    if (expected !== undefined && !answers.includes(expected)) {
      const message = `no answer equals '${expected}' (got ${answers.map((a) => `'${a}'`).join(', ')})`;
      return down(durationMs, { kind: 'body', message });
    }
    return up(durationMs, {}, spec.expect.degradedAboveMs);
  } catch (error) {
    return down(ctx.monotonic() - start, failureFromError(error, ctx.signal));
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
};

/** Answers as strings: MX → the exchange host, TXT → each record's chunks joined. */
async function query(resolver: Resolver, name: string, type: DnsRecordType): Promise<string[]> {
  switch (type) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'MX':
      return (await resolver.resolveMx(name)).map((mx) => mx.exchange);
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
  }
}
