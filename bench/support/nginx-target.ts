import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  const dir = mkdtempSync(join(tmpdir(), 'sla-bench-nginx-'));
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
worker_rlimit_nofile 200000;
events { worker_connections 100000; multi_accept on; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${port} backlog=4096;
    location ~ ^/t/[0-9]+$ { default_type text/plain; return 200 "ok\\n"; }
    location / { return 404; }
  }
}
`,
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
