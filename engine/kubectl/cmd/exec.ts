// Mirrors k8s.io/kubectl/pkg/cmd/exec (exec.go) with client-go's WebSocket executor
// (tools/remotecommand/websocket.go, protocol v5.channel.k8s.io): POST-less GET of pods/<pod>/exec
// upgraded to a WebSocket; stdin goes out on channel 0 as it comes (then a v5 close), stdout/stderr
// come back on 1 and 2, and the Status on channel 3 decides the exit code. With -t and a terminal
// (SetupTTY) the terminal goes raw, the container's terminal echoes, and window sizes go on channel
// 4. Simplified: in process the upgrade is handed to the server directly.
import { attachUpgrade, frame, newInMemoryUpgrade, webSocketDialer, StreamClose, StreamError, StreamResize, StreamStderr, StreamStdin, StreamStdout, unframe, type Message, type WebSocketConn } from '../../apimachinery/util/httpstream/wsstream/conn.js';
import { errorFromResponse } from '../rest/client.js';
import { bool, str } from './util/flags.js';
import { ExitError, UsageError } from './util/helpers.js';
import type { Command, CommandContext } from './util/command.js';

const usage = 'expected \'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]\'.\nPOD_NAME and COMMAND are required arguments for the exec command';

interface ExecPod {
  metadata: { name?: string; annotations?: Record<string, string> };
  spec?: { containers?: Array<{ name: string }> };
  status?: { phase?: string };
}

/** openWebSocket upgrades a GET to a WebSocket: handed to an in-process server, or through the host's WebSocket. */
export async function openWebSocket(ctx: CommandContext, path: string, query: URLSearchParams, protocols: string[]): Promise<WebSocketConn> {
  const client = await ctx.f.restClient();
  const url = `${client.url(path)}?${query}`;
  const transport = ctx.io.transport;
  if (transport) {
    const { upgrade, client: conn } = newInMemoryUpgrade(protocols);
    const res = await transport(attachUpgrade(new Request(url, { headers: { 'Sec-WebSocket-Protocol': protocols.join(', ') } }), upgrade));
    if (res.status >= 300) throw errorFromResponse(res.status, await res.text(), 'GET');
    return conn;
  }
  const dial = webSocketDialer();
  if (dial) {
    const r = await dial(url, protocols);
    if (r instanceof Response) throw errorFromResponse(r.status, await r.text(), 'GET');
    return r;
  }
  const WS = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (!WS) throw new Error('unable to upgrade connection: this runtime has no WebSocket client');
  const ws = new WS(url.replace(/^http/, 'ws'), protocols);
  ws.binaryType = 'arraybuffer';
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error('unable to upgrade connection'));
  });
  const readable = new ReadableStream<Message>({
    start(c) {
      ws.onmessage = (e) => c.enqueue(typeof e.data === 'string' ? e.data : new Uint8Array(e.data as ArrayBuffer));
      ws.onclose = () => c.close();
    },
  });
  const writable = new WritableStream<Message>({ write: (m) => ws.send(typeof m === 'string' ? m : m.slice().buffer), close: () => ws.close() });
  return { protocol: ws.protocol, readable, writable };
}

export const execCommand: Command = {
  name: 'exec',
  short: 'Execute a command in a container',
  flags: [
    { name: 'container', short: 'c', kind: 'string' },
    { name: 'stdin', short: 'i', kind: 'bool' },
    { name: 'tty', short: 't', kind: 'bool' },
    { name: 'quiet', short: 'q', kind: 'bool' },
    { name: 'filename', short: 'f', kind: 'stringSlice' },
    { name: 'pod-running-timeout', kind: 'string' },
  ],
  async run(ctx) {
    const { args, dashIndex, flags } = ctx;
    if (args.length === 0) throw new UsageError(usage);
    if (dashIndex < 0 && args.length > 1) throw new Error('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
    const command = dashIndex >= 0 ? args.slice(dashIndex) : [];
    if (command.length === 0) throw new UsageError('you must specify at least one command for the container');
    const podArg = args[0]!.replace(/^(pods?|po)\//, '');
    const client = await ctx.f.restClient();
    const { namespace } = await ctx.f.namespace();
    const pod = await client.get<ExecPod>(`/api/v1/namespaces/${namespace}/pods/${podArg}`);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new Error(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    let container = str(flags, 'container');
    if (!container) {
      const names = (pod.spec?.containers ?? []).map((c) => c.name);
      container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0] ?? '';
      if (names.length > 1 && !bool(flags, 'quiet')) ctx.io.stderr(`Defaulted container "${container}" out of: ${names.join(', ')}\n`);
    }
    const stdin = bool(flags, 'stdin');
    const tty = setupTTY(ctx, stdin, bool(flags, 'tty'), bool(flags, 'quiet'));
    const q = new URLSearchParams();
    for (const c of command) q.append('command', c);
    q.set('container', container);
    if (stdin) q.set('stdin', 'true');
    q.set('stdout', 'true');
    if (!tty) q.set('stderr', 'true');
    if (tty) q.set('tty', 'true');
    const conn = await openWebSocket(ctx, `/api/v1/namespaces/${namespace}/pods/${podArg}/exec`, q, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    const status = await streamSession(ctx, conn, { stdin, tty });
    if (!status) return 0;
    const s = JSON.parse(status) as { status?: string; message?: string; reason?: string; details?: { causes?: Array<{ reason?: string; message?: string }> } };
    if (s.status === 'Success') return 0;
    if (s.reason === 'NonZeroExitCode') {
      const code = Number(s.details?.causes?.find((c) => c.reason === 'ExitCode')?.message ?? 1);
      ctx.io.stderr(`command terminated with exit code ${code}\n`);
      throw new ExitError(code);
    }
    throw new Error(s.message ?? 'error executing remote command');
  },
};

/**
 * setupTTY is StreamOptions.SetupTTY: a terminal only with -i, -t and standard input that is a
 * terminal; otherwise -t -i says it cannot have one (unless -q).
 */
export function setupTTY(ctx: CommandContext, stdin: boolean, tty: boolean, quiet: boolean): boolean {
  if (!stdin || !tty) return false;
  if (ctx.io.terminal) return true;
  if (!quiet) ctx.io.stderr('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  return false;
}

/**
 * streamSession is client-go's websocket StreamWithContext for exec and attach: standard input
 * goes out as it comes (the raw terminal's keystrokes with a tty) and ends with a close of stdin,
 * window sizes go on the resize channel, output is written as it arrives. It answers the text of
 * the error channel (a Status) once the server ends the session.
 */
export async function streamSession(ctx: CommandContext, conn: WebSocketConn, o: { stdin: boolean; tty: boolean }): Promise<string> {
  const writer = conn.writable.getWriter();
  let writing = Promise.resolve();
  const send = (bytes: Uint8Array) => void (writing = writing.then(() => writer.write(bytes)).catch(() => undefined));
  const terminal = o.tty ? ctx.io.terminal : undefined;
  const restore = terminal?.makeRaw();
  const over = new AbortController();
  const cleanups: (() => void)[] = [];
  try {
    if (terminal) {
      const sendSize = (size: { width: number; height: number }) => send(frame(StreamResize, JSON.stringify({ Width: size.width, Height: size.height })));
      const size = terminal.size?.();
      if (size) sendSize(size);
      const off = terminal.onResize?.(sendSize);
      if (off) cleanups.push(off);
    }
    if (o.stdin) {
      const source = ctx.io.stdinStream?.();
      if (source) void pumpStdin(source, send, over.signal);
      else {
        const input = await ctx.io.stdin();
        if (input) send(frame(StreamStdin, input));
        send(new Uint8Array([StreamClose, StreamStdin]));
      }
    }
    const dec = { out: new TextDecoder(), err: new TextDecoder() };
    let status = '';
    const reader = conn.readable.getReader();
    const interrupted = () => void reader.cancel().catch(() => undefined);
    ctx.io.signal?.addEventListener('abort', interrupted, { once: true });
    cleanups.push(() => ctx.io.signal?.removeEventListener('abort', interrupted));
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (done) break;
      const m = unframe(value);
      if (!m) continue;
      if (m.channel === StreamStdout) ctx.io.stdout(dec.out.decode(m.data, { stream: true }));
      else if (m.channel === StreamStderr) ctx.io.stderr(dec.err.decode(m.data, { stream: true }));
      else if (m.channel === StreamError) status += new TextDecoder().decode(m.data);
    }
    return status;
  } finally {
    over.abort();
    for (const c of cleanups) c();
    restore?.();
    await writing;
    await writer.close().catch(() => undefined);
  }
}

/** pumpStdin sends standard input as it comes until it ends (then a v5 close of stdin) or the session is over. */
async function pumpStdin(source: ReadableStream<Uint8Array>, send: (bytes: Uint8Array) => void, over: AbortSignal): Promise<void> {
  const reader = source.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  over.addEventListener('abort', stop, { once: true });
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
    if (done || over.aborted) break;
    if (value.length > 0) send(frame(StreamStdin, value));
  }
  over.removeEventListener('abort', stop);
  if (!over.aborted) send(new Uint8Array([StreamClose, StreamStdin]));
}
