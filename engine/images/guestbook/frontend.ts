// The guestbook frontend (the Kubernetes examples' guestbook/php-redis guestbook.php behind
// Apache): GET /guestbook.php?cmd=set writes through redis-master, cmd=get reads redis-slave.
// Hosts come from the service environment variables when GET_HOSTS_FROM=env, else from DNS names.
import type { Image, Program, ProcessContext } from '../types.js';
import { busyboxApplets, binFiles, withShell } from '../busybox/image.js';
import { httpDate, serveHttp, type HttpRequest, type HttpResponse } from '../lib/http.js';
import { combinedLog } from '../lib/access-log.js';
import { untilAborted } from '../lib/process-util.js';
import { RedisConnection } from '../redis/redis-cli.js';
import { guestbookPage } from './page.js';

/** redisHost picks master or slave the way guestbook.php does. */
export function redisHost(env: Record<string, string>, role: 'master' | 'slave'): string {
  if ((env.GET_HOSTS_FROM ?? 'dns') === 'env') {
    return (role === 'master' ? env.REDIS_MASTER_SERVICE_HOST : env.REDIS_SLAVE_SERVICE_HOST) ?? '';
  }
  return role === 'master' ? 'redis-master' : 'redis-slave';
}

async function redisCall(ctx: ProcessContext, role: 'master' | 'slave', args: string[]): Promise<string | null> {
  const conn = await RedisConnection.open(ctx, redisHost(ctx.env, role), 6379);
  try {
    const reply = await conn.command(args);
    if (!reply || reply.type === 'error') throw new Error(reply ? String(reply.value) : 'connection closed');
    return reply.type === 'bulk' ? reply.value : String(reply.value);
  } finally {
    conn.close();
  }
}

async function guestbookPhp(ctx: ProcessContext, req: HttpRequest): Promise<HttpResponse> {
  const q = req.query;
  const key = q.get('key') ?? '';
  if (q.get('cmd') === 'set') {
    await redisCall(ctx, 'master', ['SET', key, q.get('value') ?? '']);
    return { status: 200, body: '{"message": "Updated"}' };
  }
  const value = await redisCall(ctx, 'slave', ['GET', key]);
  // guestbook.php concatenates the value into the JSON text without escaping it.
  return { status: 200, body: `{"data": "${value ?? ''}"}` };
}

export const frontend: Program = async (ctx) => {
  const tag = ctx.env.GUESTBOOK_TAG ?? (() => {
    try {
      return ctx.fs.readText('/etc/guestbook-version').trim();
    } catch {
      return 'v1';
    }
  })();
  const base = (): Record<string, string> => ({ Date: httpDate(ctx.clock.now()), Server: 'Apache/2.4.10 (Debian)' });
  const server = await serveHttp(ctx.net, 80, async (req) => {
    let res: HttpResponse;
    if (req.path === '/guestbook.php') {
      try {
        res = await guestbookPhp(ctx, req);
      } catch {
        res = { status: 500, body: '' };
      }
      res.headers = { ...base(), 'X-Powered-By': 'PHP/5.6.40', 'Content-Type': 'text/html; charset=UTF-8' };
    } else if (req.path === '/' || req.path === '/index.html') {
      res = { status: 200, headers: { ...base(), 'Content-Type': 'text/html' }, body: guestbookPage(tag) };
    } else {
      res = {
        status: 404,
        headers: { ...base(), 'Content-Type': 'text/html; charset=iso-8859-1' },
        body: `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL ${req.path} was not found on this server.</p>\n<hr>\n<address>Apache/2.4.10 (Debian) Server at ${req.headers.host ?? 'localhost'} Port 80</address>\n</body></html>\n`,
      };
    }
    const size = typeof res.body === 'string' ? new TextEncoder().encode(res.body).length : res.body?.length ?? 0;
    ctx.stdout(combinedLog(req, res.status, size, ctx.clock.now()));
    return res;
  });
  ctx.stderr(`AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ctx.hostname}. Set the 'ServerName' directive globally to suppress this message\n`);
  let stop = (): void => {};
  ctx.onSignal((signal) => signal !== 'SIGHUP' && stop());
  await Promise.race([untilAborted(ctx), new Promise<void>((resolve) => (stop = resolve))]);
  server.close();
  return 0;
};

export const guestbookFrontend: Image = {
  name: 'kubelab/guestbook-frontend',
  tags: ['v1', 'v2', 'latest'],
  config: { cmd: ['apache2-foreground'], workingDir: '/var/www/html', exposedPorts: [80] },
  programs: withShell({ ...busyboxApplets, 'apache2-foreground': frontend }),
  files: {
    ...binFiles(Object.keys(busyboxApplets)),
    '/usr/local/bin/apache2-foreground': '',
    '/etc/guestbook-version': (tag) => `${tag === 'latest' ? 'v1' : tag}\n`,
    '/var/www/html/index.html': (tag) => guestbookPage(tag),
  },
  sizeBytes: 187_233_121,
};
