import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { apiSpecs } from '../../server/api-specs.ts';
import type { RouteSpec } from '../../server/route-spec.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { fetchDaemon, jsonOrText, refusalText } from './daemon-client.ts';

/**
 * `sla GROUP ACTION [ID…] [--body JSON | --file F] [--KEY VALUE…]`: the
 * operators' API for scripts, generated from the same route specs the daemon
 * registers, so the command line calls exactly the code (and the checks) the
 * API runs (issue #4). SLA_URL (default http://127.0.0.1:8080) and SLA_TOKEN.
 */
export function apiGroupCommand(group: string): CliCommand {
  const specs = apiSpecs.filter((s) => s.cli[0] === group);
  const usage = () =>
    `usage: sla ${group} ACTION …  (SLA_URL, SLA_TOKEN)\n` +
    specs.map((s) => `  sla ${group} ${s.cli[1]}${params(s).map((p) => ` ${p.toUpperCase()}`).join('')}${s.body ? ' --body JSON|--file F' : ''}${(s.switches ?? []).map((w) => ` [--${w}]`).join('')}${s.query ? ' [--KEY VALUE…]' : ''}${s.alsoAs ? ' [--out FILE]' : ''}\n      ${s.summary}`).join('\n') + '\n';
  return {
    summary: `operators' API: ${specs.map((s) => s.cli[1]).join(', ')}`,
    async run(args, io) {
      const [action, ...rest] = args;
      const spec = specs.find((s) => s.cli[1] === action);
      if (spec === undefined) {
        io.stderr(usage());
        return 2;
      }
      const request = await buildRequest(spec, rest, io);
      if (typeof request === 'string') {
        io.stderr(`${request}\n${usage()}`);
        return 2;
      }
      return send(spec, request, io);
    },
  };
}

const params = (spec: RouteSpec) => [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

interface ApiRequest {
  path: string;
  body?: string;
  /** `--out FILE`: the answer's bytes go to FILE (a statement's PDF), not to stdout. */
  out?: string;
}

async function buildRequest(spec: RouteSpec, args: string[], io: CliIo): Promise<ApiRequest | string> {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  const switched: Record<string, true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) positionals.push(arg);
    else if (spec.switches?.includes(arg.slice(2))) switched[arg.slice(2)] = true;
    else if (args[i + 1] === undefined) return `${arg} needs a value`;
    else flags.set(arg.slice(2), args[++i]!);
  }
  const names = params(spec);
  if (positionals.length !== names.length) return `expected ${names.length === 0 ? 'no arguments' : names.map((n) => n.toUpperCase()).join(' ')}`;
  let path = spec.path;
  names.forEach((name, i) => { path = path.replace(`:${name}`, encodeURIComponent(positionals[i]!)); });
  let body: string | undefined;
  if (spec.body) {
    const file = flags.get('file');
    body = flags.get('body') ?? (file === undefined ? undefined : await readFile(resolve(io.cwd, file), 'utf8').catch(() => undefined));
    if (body === undefined) return file === undefined ? '--body JSON or --file F is required' : `cannot read ${file}`;
    if (Object.keys(switched).length > 0) body = withSwitches(body, switched);
  } else if (flags.has('body') || flags.has('file')) return 'this action takes no body';
  const out = flags.get('out');
  for (const flag of ['body', 'file', 'out']) flags.delete(flag);
  if (flags.size > 0 && !spec.query) return `unknown option --${[...flags.keys()][0]}`;
  const query = new URLSearchParams([...flags]);
  return { path: query.size > 0 ? `${path}?${query}` : path, body, ...(out === undefined ? {} : { out: resolve(io.cwd, out) }) };
}

/** The body with the switches given set to true; a body that is not a JSON object is sent as it is, for the API to refuse. */
function withSwitches(body: string, switched: Record<string, true>): string {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? JSON.stringify({ ...parsed, ...switched }) : body;
  } catch {
    return body;
  }
}

async function send(spec: RouteSpec, request: ApiRequest, io: CliIo): Promise<number> {
  const sent = await fetchDaemon(io, spec.method.toUpperCase(), request.path, request.body);
  if (!sent.reached) {
    io.stderr(`${sent.message}\n`);
    return 1;
  }
  const { response } = sent;
  if (response.ok && request.out !== undefined) {
    await writeFile(request.out, new Uint8Array(await response.arrayBuffer()));
    return 0;
  }
  const text = await response.text();
  if (response.ok) {
    const json = /json/.test(response.headers.get('content-type') ?? '');
    io.stdout(json ? `${JSON.stringify(JSON.parse(text), null, 2)}\n` : text);
    return 0;
  }
  io.stderr(`${refusalText(response.status, jsonOrText(text))}\n`);
  return response.status < 500 ? 2 : 1;
}
