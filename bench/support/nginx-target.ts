import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { freePort, onCleanup, startPinned, stopProcess, tail, waitForPort } from './processes.ts';

export interface Target {
  port: number;
  pid: number;
  /** The i-th of the N distinct paths every probe set uses (daemon, blackbox, raw undici). */
  url: (i: number) => string;
  stop: () => Promise<void>;
}

/**
 * Debian's nginx as the thing being watched: one process (master_process off,
 * so one pid to measure and to kill), pinned to `core`, answering 200 on
 * /t/<digits> and 404 elsewhere; no access log, so its cost stays small and
 * out of the way of the core under test.
 */
export async function startNginxTarget(core: number | undefined): Promise<Target> {
  const { dir, port, conf } = await nginxConf(
    'sla-bench-nginx-',
    { rlimitNofile: 200_000, workerConnections: 100_000 },
    `location ~ ^/t/[0-9]+$ { default_type text/plain; return 200 "ok\\n"; }
    location / { return 404; }`,
  );
  const child = startPinned(core, ['/usr/sbin/nginx', '-p', dir, '-c', conf]);
  const output = tail(child);
  await waitForPort(port, 10_000, output);
  return {
    port,
    pid: child.pid!,
    url: (i) => `http://127.0.0.1:${port}/t/${String(i).padStart(5, '0')}`,
    stop: () => stopProcess(child, 'SIGQUIT'),
  };
}

/**
 * Debian's nginx, one process, serving `html` at / as a static file, and its
 * gzip through gzip_static: the status bench's reference for the same bytes.
 */
export async function startNginxStatic(core: number | undefined, html: Buffer, gzipped: Buffer): Promise<{ url: string; stop: () => Promise<void> }> {
  const { dir, port, conf } = await nginxConf(
    'sla-bench-status-',
    { rlimitNofile: 65_536, workerConnections: 4_096, extra: 'sendfile on;\n  tcp_nopush on;' },
    'root DIR;\n    location = / { default_type "text/html; charset=utf-8"; gzip_static on; try_files /index.html =404; }',
  );
  writeFileSync(join(dir, 'index.html'), html);
  writeFileSync(join(dir, 'index.html.gz'), gzipped.byteLength > 0 ? gzipped : gzipSync(html));
  const child = startPinned(core, ['/usr/sbin/nginx', '-p', dir, '-c', conf]);
  await waitForPort(port, 10_000, tail(child));
  return { url: `http://127.0.0.1:${port}`, stop: () => stopProcess(child, 'SIGQUIT') };
}

/**
 * A temp dir with an nginx.conf for one process (master_process off: one pid
 * to measure and to kill), no access log, temp paths inside the dir, and
 * `server` (DIR stands for the dir) listening on a free loopback port.
 */
async function nginxConf(prefix: string, o: { rlimitNofile: number; workerConnections: number; extra?: string }, server: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
master_process off;
user root;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
worker_rlimit_nofile ${o.rlimitNofile};
events { worker_connections ${o.workerConnections}; multi_accept on; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 1000000;
  ${o.extra ?? ''}
  server {
    listen 127.0.0.1:${port} backlog=4096;
    ${server.replaceAll('DIR', dir)}
  }
}
`,
  );
  return { dir, port, conf };
}
