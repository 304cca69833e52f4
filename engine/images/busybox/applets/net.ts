// Network applets of busybox (networking/wget.c, nc.c, nslookup.c) over the pod's sockets. wget
// speaks HTTP/1.1 through lib/http; nslookup sends real DNS queries to the nameserver of
// /etc/resolv.conf and tries the search list as busybox 1.36 does.
import type { Program, ProcessContext } from '../../types.js';
import { httpRequest } from '../../lib/http.js';
import { connect, errnoText, resolveHost, sleep } from '../../lib/process-util.js';
import { getopt, path } from './util.js';
import { exchange } from '../../../dns/client.js';
import { newQuery, Rcode, Type, rcodeNames } from '../../../dns/wire/message.js';
import { parseResolvConf } from '../../../dns/resolv-conf.js';
import { nameList } from '../../../dns/resolver.js';
import { readAll } from '../../../shell/io.js';

function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
}

export const wget: Program = async (ctx) => {
  const { flags, values, rest } = getopt(
    ctx.argv.flatMap((a) => (a === '--spider' ? ['-s'] : a.startsWith('--timeout=') ? ['-T', a.slice(10)] : [a])),
    'OTUYhP',
  );
  const raw = rest[0];
  if (!raw) {
    ctx.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  const quiet = flags.has('q');
  const url = parseUrl(raw);
  if (!url || url.protocol !== 'http:') {
    ctx.stderr(`wget: not an http or ftp url: ${raw}\n`);
    return 1;
  }
  const host = url.hostname;
  const port = Number(url.port || 80);
  const address = await resolveHost(ctx, host);
  if (!address) {
    ctx.stderr(`wget: bad address '${host}'\n`);
    return 1;
  }
  const timeoutMs = Number(values.get('T') ?? 900) * 1000;
  if (!quiet) ctx.stderr(`Connecting to ${url.host} (${address}:${port})\n`);
  let res;
  try {
    const request = httpRequest(ctx.net, { address, port, target: url.pathname + url.search, host: url.host, method: flags.has('s') ? 'HEAD' : 'GET', timeoutMs, headers: { 'User-Agent': values.get('U') ?? 'Wget' } });
    const timeout = sleep(ctx, timeoutMs).then(() => 'timeout' as const);
    const winner = await Promise.race([request, timeout]);
    if (winner === 'timeout') {
      ctx.stderr('wget: download timed out\n');
      return 1;
    }
    res = winner;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ETIMEDOUT') ctx.stderr('wget: download timed out\n');
    else ctx.stderr(`wget: can't connect to remote host (${address}): ${errnoText(err)}\n`);
    return 1;
  }
  if (flags.has('S')) {
    ctx.stderr(`  HTTP/1.1 ${res.status} ${res.statusText}\n` + Object.entries(res.headers).map(([k, v]) => `  ${k.replace(/(^|-)\w/g, (m) => m.toUpperCase())}: ${v}\n`).join(''));
  }
  if (res.status >= 400) {
    ctx.stderr(`wget: server returned error: HTTP/1.1 ${res.status} ${res.statusText}\n`);
    return 1;
  }
  if (flags.has('s')) {
    if (!quiet) ctx.stderr('remote file exists\n');
    return 0;
  }
  const out = values.get('O') ?? (url.pathname.split('/').pop() || 'index.html');
  const progress = (name: string): string => `${name.padEnd(20).slice(0, 20)} 100% |********************************| ${String(res.body.length).padStart(5)}  0:00:00 ETA\n`;
  if (out === '-') {
    if (!quiet) ctx.stderr(`writing to stdout\n`);
    ctx.stdout(res.body);
    if (!quiet) ctx.stderr(progress('-') + 'written to stdout\n');
    return 0;
  }
  if (!values.has('O') && ctx.fs.stat(path(ctx, out))) {
    ctx.stderr(`wget: can't open '${out}': File exists\n`);
    return 1;
  }
  if (!quiet) ctx.stderr(`saving to '${out}'\n`);
  try {
    ctx.fs.writeFile(path(ctx, out), res.body);
  } catch (err) {
    ctx.stderr(`wget: can't open '${out}': ${(err as Error).message}\n`);
    return 1;
  }
  if (!quiet) ctx.stderr(progress(out) + `'${out}' saved\n`);
  return 0;
};

export const nc: Program = async (ctx) => {
  const { flags, values, rest } = getopt(ctx.argv, 'pw');
  const timeoutMs = values.has('w') ? Number(values.get('w')) * 1000 : undefined;
  if (flags.has('l')) {
    const port = Number(values.get('p') ?? rest[0] ?? 0);
    const server = ctx.net.createServer();
    try {
      await server.listen(port, '0.0.0.0');
    } catch (err) {
      ctx.stderr(`nc: bind: ${errnoText(err)}\n`);
      return 1;
    }
    const socket = await new Promise<Parameters<Parameters<typeof server.on>[1]>[0] | undefined>((resolve) => {
      server.on('connection', (s) => resolve(s));
      ctx.aborted.addEventListener('abort', () => resolve(undefined), { once: true });
    });
    server.close();
    if (!socket) return 0;
    return pump(ctx, socket);
  }
  const [host, portText] = rest;
  if (!host || !portText) {
    ctx.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n');
    return 1;
  }
  const address = await resolveHost(ctx, host);
  if (!address) {
    ctx.stderr(`nc: bad address '${host}'\n`);
    return 1;
  }
  const port = Number(portText);
  let socket;
  try {
    socket = await connect(ctx.net, address, port, timeoutMs);
  } catch (err) {
    if (!flags.has('z') || flags.has('v')) ctx.stderr(`nc: can't connect to remote host (${address}): ${errnoText(err)}\n`);
    return 1;
  }
  if (flags.has('z')) {
    if (flags.has('v')) ctx.stderr(`${host} (${address}:${port}) open\n`);
    socket.destroy();
    return 0;
  }
  return pump(ctx, socket);
};

/** pump copies stdin to the socket and the socket to stdout until the peer closes. */
async function pump(ctx: ProcessContext, socket: ReturnType<ProcessContext['net']['connect']>): Promise<number> {
  const closed = new Promise<void>((resolve) => {
    socket.on('data', (chunk) => ctx.stdout(chunk));
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
    ctx.aborted.addEventListener('abort', () => resolve(), { once: true });
  });
  void readAll(ctx.stdin).then((data) => {
    if (data.length > 0) socket.write(data);
    socket.end();
  });
  await closed;
  return 0;
}

export const nslookup: Program = async (ctx) => {
  const { rest } = getopt(ctx.argv);
  const name = rest[0];
  if (!name) {
    ctx.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  let conf;
  try {
    conf = parseResolvConf(ctx.fs.readText('/etc/resolv.conf'));
  } catch {
    conf = parseResolvConf('');
  }
  const server = rest[1] ?? conf.nameservers[0];
  if (!server) {
    // No resolv.conf: fall back to the container's resolver.
    const addrs = await ctx.resolver.lookup(name).catch(() => []);
    if (addrs.length === 0) {
      ctx.stdout(`** server can't find ${name}: NXDOMAIN\n`);
      return 1;
    }
    ctx.stdout(`Name:\t${name}\n${addrs.map((a) => `Address: ${a}\n`).join('')}\n`);
    return 0;
  }
  const out: string[] = [`Server:\t\t${server}`, `Address:\t${server}:53`, ''];
  const candidates = /^\d+\.\d+\.\d+\.\d+$/.test(name) ? [] : nameList(name, conf);
  let id = 1;
  for (const candidate of candidates) {
    let reply;
    try {
      reply = await exchange(newQuery(id++, candidate, Type.A), { stack: ctx.net, clock: ctx.clock, server, timeoutMs: conf.options.timeout * 1000 });
    } catch {
      ctx.stdout(';; connection timed out; no servers could be reached\n\n');
      return 1;
    }
    const bare = candidate.replace(/\.$/, '');
    if (reply.rcode !== Rcode.Success) {
      out.push(`** server can't find ${bare}: ${rcodeNames[reply.rcode] ?? reply.rcode}`, '');
      continue;
    }
    const answers = reply.answer.filter((rr) => rr.type === Type.A);
    if (answers.length === 0) continue;
    for (const rr of answers) out.push(`Name:\t${rr.name.replace(/\.$/, '')}`, `Address: ${String(rr.data)}`);
    out.push('');
    ctx.stdout(out.join('\n') + '\n');
    return 0;
  }
  ctx.stdout(out.join('\n') + '\n');
  return 1;
};
