// Mirrors OpenBSD netcat (nc): connect and copy stdin/stdout, -l listen (-k keep listening),
// -z probe, -v report, -u UDP, -w timeout; messages as Debian's netcat-openbsd prints them.
import type { Tool, ToolIO } from './types.js';
import type { NetError, StreamSocket } from '../types.js';
import { lookupHost } from './resolver.js';

const REASON: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ECONNRESET: 'Connection reset by peer',
};

const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 6379: 'redis', 8080: 'http-alt' };

function pipeStdin(io: ToolIO, s: { write(d: Uint8Array | string): unknown; end(): void }): void {
  if (!io.stdin) return;
  void (async () => {
    for await (const chunk of io.stdin!) s.write(chunk);
    s.end();
  })();
}

export const nc: Tool = async (argv, io, ctx) => {
  const o = { listen: false, keep: false, zero: false, verbose: false, udp: false, wait: 0 };
  const pos: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      for (const ch of a.slice(1)) {
        if (ch === 'l') o.listen = true;
        else if (ch === 'k') o.keep = true;
        else if (ch === 'z') o.zero = true;
        else if (ch === 'v') o.verbose = true;
        else if (ch === 'u') o.udp = true;
        else if (ch === 'n' || ch === 'N') continue;
        else if (ch === 'w') o.wait = Number(argv[++i]) * 1000;
        else if (ch === 'p') pos.push(argv[++i]!);
        else {
          io.stderr(`nc: invalid option -- '${ch}'\nusage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n`);
          return 1;
        }
      }
    } else pos.push(a);
  }
  const decoder = new TextDecoder();
  if (o.listen) {
    const port = Number(pos[pos.length - 1]);
    if (o.udp) {
      const sock = ctx.netns.stack.createDatagramSocket();
      await sock.bind(port);
      return new Promise((resolve) => {
        sock.on('message', (m) => io.stdout(decoder.decode(m)));
        io.signal?.addEventListener('abort', () => (sock.close(), resolve(0)));
      });
    }
    const server = ctx.netns.stack.createServer();
    try {
      await server.listen(port);
    } catch {
      io.stderr('nc: Address already in use\n');
      return 1;
    }
    if (o.verbose) io.stderr(`Listening on 0.0.0.0 ${port}\n`);
    return new Promise((resolve) => {
      server.on('connection', (s: StreamSocket) => {
        if (o.verbose) io.stderr(`Connection received on ${s.remoteAddress} ${s.remotePort}\n`);
        s.on('data', (d) => io.stdout(decoder.decode(d)));
        pipeStdin(io, s);
        s.on('end', () => {
          if (!o.keep) {
            server.close();
            resolve(0);
          }
        });
      });
      io.signal?.addEventListener('abort', () => (server.close(), resolve(0)));
    });
  }
  const [host, portText] = pos;
  const port = Number(portText);
  if (!host || !portText) {
    io.stderr('usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n');
    return 1;
  }
  const found = await lookupHost(ctx, host);
  const ip = found.addresses[0];
  if (!ip) {
    io.stderr(`nc: getaddrinfo for host "${host}" port ${port}: Name or service not known\n`);
    return 1;
  }
  const proto = o.udp ? 'udp' : 'tcp';
  if (o.udp) {
    const sock = ctx.netns.stack.createDatagramSocket();
    sock.on('message', (m) => io.stdout(decoder.decode(m)));
    if (o.verbose || o.zero) io.stderr(`Connection to ${host} ${port} port [udp/${SERVICES[port] ?? '*'}] succeeded!\n`);
    if (!o.zero && io.stdin) for await (const chunk of io.stdin) sock.send(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk, port, ip);
    if (o.wait) await ctx.clock.sleep(o.wait);
    sock.close();
    return 0;
  }
  return new Promise((resolve) => {
    const s = ctx.netns.stack.connect({ host: ip, port, timeoutMs: o.wait || undefined });
    s.on('connect', () => {
      if (o.verbose || o.zero) io.stderr(`Connection to ${host} ${port} port [${proto}/${SERVICES[port] ?? '*'}] succeeded!\n`);
      if (o.zero) {
        s.end();
        resolve(0);
        return;
      }
      pipeStdin(io, s);
    });
    s.on('data', (d) => io.stdout(decoder.decode(d)));
    s.on('close', () => resolve(0));
    s.on('error', (e: NetError) => {
      if (e.code === 'ETIMEDOUT' && o.wait) io.stderr(`nc: connect to ${host} port ${port} (${proto}) timed out: Operation now in progress\n`);
      else io.stderr(`nc: connect to ${host} port ${port} (${proto}) failed: ${REASON[e.code] ?? e.message}\n`);
      resolve(1);
    });
  });
};
