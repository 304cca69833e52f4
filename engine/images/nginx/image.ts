// The nginx image (docker.io/library/nginx) as a static file server: /usr/share/nginx/html with
// index.html, nginx's 301/403/404 pages, `Server: nginx/<version>` from the tag (what a rolling
// update shows changing) and the docker image's access log on stdout.
// CPU: every request costs requestCPUMillis of CPU time, accounted to the container (ctx.cpu), so
// the kubelet's stats — `kubectl top`, the HPA — show CPU proportional to requests served per
// second. One worker does the work, one request after another, and answers a request once its work
// is done on the clock: a client looping without pause (`while true; do wget -q -O- http://web;
// done`) keeps at most one core busy, and the loop lets cluster time pass instead of spinning.
import type { Image, Program } from '../types.js';
import { busyboxApplets, binFiles, withShell } from '../busybox/image.js';
import { httpDate, serveHttp, type HttpResponse } from '../lib/http.js';
import { combinedLog } from '../lib/access-log.js';
import { sleep, untilAborted } from '../lib/process-util.js';
import { formatDate } from '../busybox/applets/system.js';
import { cleanPath } from '../fs/path.js';

/** nginxVersions maps tags to the version nginx reports. */
export const nginxVersions: Record<string, string> = {
  latest: '1.27.5', '1.27': '1.27.5', '1.27.5': '1.27.5', '1.25': '1.25.5', '1.25.5': '1.25.5', alpine: '1.27.5',
  '1.11.9': '1.11.9', '1.10.1': '1.10.1', '1.9.1': '1.9.1', '1.7.9': '1.7.9',
};

export function nginxVersion(tag: string): string {
  return nginxVersions[tag] ?? tag;
}

const WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

function errorPage(status: number, text: string, version: string): string {
  return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

const TYPES: Record<string, string> = { html: 'text/html', htm: 'text/html', css: 'text/css', js: 'application/javascript', json: 'application/json', txt: 'text/plain', png: 'image/png', svg: 'image/svg+xml' };

const ROOT = '/usr/share/nginx/html';

/** requestCPUMillis is the CPU time one request costs the worker (a page that takes some work to build). */
export const requestCPUMillis = 10;

export const nginx: Program = async (ctx) => {
  const tag = ctx.env.NGINX_TAG ?? 'latest';
  const version = (() => {
    try {
      return ctx.fs.readText('/etc/nginx/version').trim();
    } catch {
      return nginxVersion(tag);
    }
  })();
  const log = (s: string): void => ctx.stderr(`${formatDate(ctx.clock.now(), '%Y/%m/%d %T')} [notice] 1#1: ${s}\n`);
  if (!/^1\.([0-9]|1[0-8])\./.test(version)) ctx.stdout('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
  const headers = (extra: Record<string, string>): Record<string, string> => ({ Server: `nginx/${version}`, Date: httpDate(ctx.clock.now()), ...extra });
  const handle = (path: string, method: string): HttpResponse => {
    const err = (status: number, text: string): HttpResponse => ({ status, headers: headers({ 'Content-Type': 'text/html' }), body: errorPage(status, text, version) });
    if (method !== 'GET' && method !== 'HEAD') return err(405, 'Not Allowed');
    const file = cleanPath(ROOT + '/' + path);
    const stat = ctx.fs.stat(file);
    if (stat?.type === 'dir') {
      if (!path.endsWith('/')) return { ...err(301, 'Moved Permanently'), headers: headers({ 'Content-Type': 'text/html', Location: `${path}/` }) };
      const index = ctx.fs.stat(`${file}/index.html`);
      if (!index || index.type !== 'file') return err(403, 'Forbidden');
      return serve(`${file}/index.html`, index.mtimeMs);
    }
    if (!stat) return err(404, 'Not Found');
    return serve(file, stat.mtimeMs);
  };
  const serve = (file: string, mtime: number): HttpResponse => {
    const ext = file.split('.').pop() ?? '';
    return {
      status: 200,
      headers: headers({ 'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'Last-Modified': httpDate(mtime || ctx.clock.now()), 'Accept-Ranges': 'bytes' }),
      body: ctx.fs.readFile(file),
    };
  };
  // busyUntil is when the worker finishes the work it has taken on.
  let busyUntil = 0;
  const work = async (): Promise<void> => {
    const now = ctx.clock.now();
    busyUntil = Math.max(now, busyUntil) + requestCPUMillis;
    ctx.cpu?.use(requestCPUMillis * 1_000_000);
    await sleep(ctx, busyUntil - now);
  };
  let server;
  try {
    server = await serveHttp(ctx.net, 80, async (req) => {
      await work();
      const res = handle(req.path, req.method);
      const size = typeof res.body === 'string' ? new TextEncoder().encode(res.body).length : res.body?.length ?? 0;
      ctx.stdout(combinedLog(req, res.status, req.method === 'HEAD' ? 0 : size, ctx.clock.now(), true));
      return res;
    });
  } catch {
    ctx.stderr(`${formatDate(ctx.clock.now(), '%Y/%m/%d %T')} [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address in use)\nnginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address in use)\n`);
    return 1;
  }
  log('using the "epoll" event method');
  log(`nginx/${version}`);
  log('start worker processes');
  let stop = (): void => {};
  ctx.onSignal(() => stop()); // SIGTERM/SIGQUIT: shut down and exit 0
  await Promise.race([untilAborted(ctx), new Promise<void>((resolve) => (stop = resolve))]);
  server.close();
  return 0;
};

const programs = withShell({ ...busyboxApplets, nginx });

export const nginxImage: Image = {
  name: 'nginx',
  tags: ['latest', '1.27', '1.27.5', '1.25', '1.25.5', 'alpine', '1.11.9', '1.10.1', '1.9.1', '1.7.9'],
  config: { entrypoint: ['nginx'], cmd: ['-g', 'daemon off;'], exposedPorts: [80] },
  programs,
  files: {
    ...binFiles(Object.keys(busyboxApplets)),
    '/usr/sbin/nginx': '',
    '/etc/nginx/version': (tag) => `${nginxVersion(tag)}\n`,
    '/etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n',
    '/usr/share/nginx/html/index.html': WELCOME,
    '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
  },
  sizeBytes: 72_188_133,
};
