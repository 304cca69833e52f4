// Mirrors curl (src/tool_*.c) and busybox wget for the options a lab uses: curl -s -S -i -I -v -o
// -X -d -H -m --connect-timeout, wget -q -O -T; curl's "(N) …" errors and exit codes.
import type { Tool, ToolIO } from './types.js';
import { httpRequest, type HttpFailure, type HttpResponse } from './http-client.js';

const enc = new TextEncoder();

function isFailure(r: HttpResponse | HttpFailure): r is HttpFailure {
  return 'kind' in r;
}

async function output(io: ToolIO, path: string | undefined, data: Uint8Array): Promise<boolean> {
  if (!path || path === '-') {
    io.stdout(new TextDecoder().decode(data));
    return true;
  }
  if (path === '/dev/null') return true;
  if (!io.writeFile) return false;
  await io.writeFile(path, data);
  return true;
}

export const curl: Tool = async (argv, io, ctx) => {
  let method: string | undefined;
  let data: string | undefined;
  let url: string | undefined;
  let out: string | undefined;
  let silent = false;
  let showError = false;
  let include = false;
  let head = false;
  let verbose = false;
  let connectTimeoutMs: number | undefined;
  let maxTimeMs: number | undefined;
  const headers: Array<[string, string]> = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-X' || a === '--request') method = argv[++i];
    else if (a === '-d' || a === '--data' || a === '--data-raw') data = (data ? `${data}&` : '') + argv[++i];
    else if (a === '-H' || a === '--header') {
      const h = argv[++i]!;
      const c = h.indexOf(':');
      headers.push([h.slice(0, c).trim(), h.slice(c + 1).trim()]);
    } else if (a === '-o' || a === '--output') out = argv[++i];
    else if (a === '-m' || a === '--max-time') maxTimeMs = Number(argv[++i]) * 1000;
    else if (a === '--connect-timeout') connectTimeoutMs = Number(argv[++i]) * 1000;
    else if (a.startsWith('-') && !a.startsWith('--') && a.length > 1) {
      for (const ch of a.slice(1)) {
        if (ch === 's') silent = true;
        else if (ch === 'S') showError = true;
        else if (ch === 'i') include = true;
        else if (ch === 'I') head = true;
        else if (ch === 'v') verbose = true;
        else if (ch === 'L' || ch === 'k' || ch === 'f') continue;
      }
    } else if (a === '--silent') silent = true;
    else if (a === '--include') include = true;
    else url = a;
  }
  if (!url) {
    io.stderr("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const body = data !== undefined ? enc.encode(data) : undefined;
  const hdrs: Array<[string, string]> = [['User-Agent', 'curl/7.88.1'], ['Accept', '*/*'], ...headers];
  if (body && !headers.some(([k]) => k.toLowerCase() === 'content-type')) hdrs.push(['Content-Type', 'application/x-www-form-urlencoded']);
  const m = method ?? (head ? 'HEAD' : body ? 'POST' : 'GET');
  const r = await httpRequest(ctx, { method: m, url, headers: hdrs, body, connectTimeoutMs, maxTimeMs });
  const err = (code: number, msg: string) => {
    if (!silent || showError) io.stderr(`curl: (${code}) ${msg}\n`);
    return code;
  };
  if (isFailure(r)) {
    switch (r.kind) {
      case 'url':
        return err(3, `URL using bad/illegal format or missing URL`);
      case 'resolve':
        return err(6, `Could not resolve host: ${r.host}`);
      case 'connect':
        if (r.code === 'ETIMEDOUT') return err(28, `Failed to connect to ${r.host} port ${r.port} after ${r.elapsedMs} ms: Timeout was reached`);
        return err(7, `Failed to connect to ${r.host} port ${r.port} after ${r.elapsedMs} ms: Couldn't connect to server`);
      case 'timeout':
        return err(28, `Operation timed out after ${r.elapsedMs} milliseconds with 0 bytes received`);
      case 'reset':
        return err(56, 'Recv failure: Connection reset by peer');
    }
  }
  if (verbose) io.stderr(`*   Trying ${r.remote}...\n* Connected to ${new URL(url.includes('://') ? url : `http://${url}`).hostname} (${r.remote.split(':')[0]}) port ${r.remote.split(':')[1]}\n< ${r.headerText.split('\r\n').join('\n< ')}\n<\n`);
  const prefix = include || head ? enc.encode(r.headerText + '\r\n\r\n') : new Uint8Array(0);
  const all = new Uint8Array(prefix.length + (head ? 0 : r.body.length));
  all.set(prefix);
  if (!head) all.set(r.body, prefix.length);
  if (!(await output(io, out, all))) return err(23, `Failure writing output to destination`);
  return 0;
};

export const wget: Tool = async (argv, io, ctx) => {
  let quiet = false;
  let out: string | undefined;
  let timeoutMs: number | undefined;
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-O') out = argv[++i];
    else if (a === '-T') timeoutMs = Number(argv[++i]) * 1000;
    else if (a === '-q') quiet = true;
    else if (a === '-qO-' || a === '-qO' || a === '-O-') {
      quiet = quiet || a.startsWith('-q');
      out = a.endsWith('-') ? '-' : argv[++i];
    } else if (a.startsWith('-')) continue;
    else url = a;
  }
  if (!url) {
    io.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n');
    return 1;
  }
  const u = url.includes('://') ? url : `http://${url}`;
  const host = new URL(u).hostname;
  const r = await httpRequest(ctx, { method: 'GET', url: u, headers: [['User-Agent', 'Wget'], ['Connection', 'close']], connectTimeoutMs: timeoutMs, maxTimeMs: timeoutMs });
  if (isFailure(r)) {
    if (r.kind === 'resolve') io.stderr(`wget: bad address '${host}'\n`);
    else if (r.kind === 'connect') io.stderr(`wget: can't connect to remote host (${host}): ${r.code === 'ECONNREFUSED' ? 'Connection refused' : r.code === 'ETIMEDOUT' ? 'Connection timed out' : 'No route to host'}\n`);
    else if (r.kind === 'timeout') io.stderr('wget: download timed out\n');
    else io.stderr('wget: error getting response: Connection reset by peer\n');
    return 1;
  }
  if (!quiet) io.stderr(`Connecting to ${host} (${r.remote})\n`);
  if (r.status >= 400) {
    io.stderr(`wget: server returned error: ${r.statusLine}\n`);
    return 1;
  }
  const target = out ?? (new URL(u).pathname.split('/').pop() || 'index.html');
  if (!quiet) io.stderr(target === '-' ? 'writing to stdout\n' : `saving to '${target}'\n`);
  if (!(await output(io, target, r.body))) {
    io.stderr(`wget: can't open '${target}': Read-only file system\n`);
    return 1;
  }
  if (!quiet) io.stderr(target === '-' ? 'written to stdout\n' : `'${target}' saved\n`);
  return 0;
};
