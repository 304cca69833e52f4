// k8s.io/kubectl/pkg/cmd/proxy/proxy.go: `kubectl proxy` serves the API server on a local port through kubectl's transport and credentials. Leaves out --unix-socket (TCP only) and --keepalive (accepted, unused); the listener is the host's (io.listen): a real port in Node, the master machine's own stack in a browser lab.
import { httpTransport } from '../../client/transport.js';
import type { Clock } from '../../util/clock.js';
import {
  DefaultHostAcceptRE,
  DefaultMethodRejectRE,
  DefaultPathAcceptRE,
  DefaultPathRejectRE,
  FilterServer,
  makeRegexpArray,
  newServer,
  type APITarget,
} from '../proxy/proxy-server.js';
import { bool, int, str } from './util/flags.js';
import { ExitError } from './util/helpers.js';
import type { Command, CommandContext } from './util/command.js';

const defaultPort = 8001;

/** klog formats one log line as klog's header does (severity, date, time, file). */
export function klog(clock: Clock, severity: 'I' | 'W' | 'E' | 'F', file: string, message: string): string {
  const d = new Date(clock.now());
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${p(d.getMonth() + 1)}${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds() * 1000, 6)}`;
  return `${severity}${stamp}       1 ${file}] ${message}\n`;
}

/** joinHostPort is net.JoinHostPort: IPv6 addresses in brackets. */
const joinHostPort = (host: string, port: number) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

export const proxyCommand: Command = {
  name: 'proxy',
  short: 'Run a proxy to the Kubernetes API server',
  flags: [
    { name: 'port', short: 'p', kind: 'int', default: defaultPort },
    { name: 'address', kind: 'string', default: '127.0.0.1' },
    { name: 'api-prefix', kind: 'string', default: '/' },
    { name: 'www', short: 'w', kind: 'string' },
    { name: 'www-prefix', short: 'P', kind: 'string', default: '/static/' },
    { name: 'accept-hosts', kind: 'string', default: DefaultHostAcceptRE },
    { name: 'accept-paths', kind: 'string', default: DefaultPathAcceptRE },
    { name: 'reject-paths', kind: 'string', default: DefaultPathRejectRE },
    { name: 'reject-methods', kind: 'string', default: DefaultMethodRejectRE },
    { name: 'disable-filter', kind: 'bool' },
    { name: 'unix-socket', short: 'u', kind: 'string' },
    { name: 'keepalive', kind: 'string', default: '0s' },
    { name: 'append-server-path', kind: 'bool' },
  ],
  run: runProxy,
};

async function runProxy(ctx: CommandContext): Promise<number> {
  const { io, flags } = ctx;
  const warn = (file: string, message: string) => io.stderr(klog(io.clock, 'W', file, message));
  // Complete: the client config, the prefixes with their slash, and the filter.
  const cc = await ctx.f.clientConfig();
  const withSlash = (s: string) => (s.endsWith('/') ? s : `${s}/`);
  const staticPrefix = withSlash(str(flags, 'www-prefix'));
  const apiPrefix = withSlash(str(flags, 'api-prefix'));
  const unixSocket = str(flags, 'unix-socket');
  const appendServerPath = bool(flags, 'append-server-path');
  const serverPath = new URL(cc.server).pathname;
  if (!appendServerPath && serverPath !== '' && serverPath !== '/') {
    warn('proxy.go', `Your kube context contains a server path ${serverPath}, use --append-server-path to automatically append the path to each request`);
  }
  let filter: FilterServer | undefined;
  if (bool(flags, 'disable-filter')) {
    if (!unixSocket) warn('proxy.go', 'Request filter disabled, your proxy is vulnerable to XSRF attacks, please be cautious');
  } else {
    try {
      filter = new FilterServer(
        makeRegexpArray(str(flags, 'accept-paths')),
        makeRegexpArray(str(flags, 'reject-paths')),
        makeRegexpArray(str(flags, 'accept-hosts')),
        makeRegexpArray(str(flags, 'reject-methods')),
      );
    } catch (err) {
      // MakeRegexpArrayOrDie: klog.Fatalf ends the process with 255.
      io.stderr(klog(io.clock, 'F', 'proxy_server.go', (err as Error).message));
      throw new ExitError(255);
    }
  }
  // Validate.
  const port = int(flags, 'port');
  if (port !== defaultPort && unixSocket) throw new Error('cannot set --unix-socket and --port at the same time');
  const staticDir = str(flags, 'www');
  if (staticDir) {
    const kind = await io.files.stat(staticDir);
    if (!kind) warn('proxy.go', `Failed to stat static file directory ${staticDir}: stat ${staticDir}: no such file or directory`);
    else if (kind !== 'dir') warn('proxy.go', `Static file directory ${staticDir} is not a directory`);
  }
  // Run.
  if (unixSocket) throw new Error('--unix-socket is not supported by this kubectl: it serves on a TCP port (--port)');
  if (!io.listen) {
    throw new Error(
      'kubectl proxy needs to listen on a local port, and this terminal cannot open one.\n' +
        'Read through the API server proxy with kubectl get --raw instead, for example:\n' +
        '  kubectl get --raw /api/v1/namespaces/kube-system/services/kube-ui/proxy/',
    );
  }
  const handler = newServer({
    fileBase: staticDir,
    apiProxyPrefix: apiPrefix,
    staticPrefix,
    filter,
    target: apiTarget(ctx, cc),
    appendLocationPath: appendServerPath,
    files: io.files,
    onError: (message) => io.stderr(klog(io.clock, 'E', 'proxy_server.go', message)),
  });
  if (port < 0 || port > 65535) throw new Error(`listen tcp: address ${port}: invalid port`);
  const listener = await io.listen(str(flags, 'address'), port, handler);
  io.stdout(`Starting to serve on ${joinHostPort(listener.address, listener.port)}\n`);
  // Serve until interrupted.
  const signal = io.signal;
  await new Promise<void>((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await listener.close();
  return 0;
}

/** apiTarget is kubectl's own way to the API server: its transport and the kubeconfig's credentials, as the factory builds them. */
function apiTarget(ctx: CommandContext, cc: { server: string; token?: string; username?: string; password?: string }): APITarget {
  const headers: Record<string, string> = {};
  if (cc.token) headers.Authorization = `Bearer ${cc.token}`;
  else if (cc.username) headers.Authorization = `Basic ${btoa(`${cc.username}:${cc.password ?? ''}`)}`;
  return { server: cc.server, transport: ctx.io.transport ?? httpTransport(cc.server), headers };
}
