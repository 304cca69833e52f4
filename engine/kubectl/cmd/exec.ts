// Mirrors k8s.io/kubectl/pkg/cmd/exec (exec.go) with client-go's WebSocket executor
// (tools/remotecommand/websocket.go, protocol v5.channel.k8s.io): POST-less GET of pods/<pod>/exec
// upgraded to a WebSocket; stdin goes out on channel 0 (then a v5 close), stdout/stderr come back on
// 1 and 2, and the Status on channel 3 decides the exit code. Simplified: stdin is read whole before
// it is sent; no terminal size queue; in process the upgrade is handed to the server directly.
import { attachUpgrade, frame, newInMemoryUpgrade, webSocketDialer, StreamClose, StreamError, StreamStderr, StreamStdin, StreamStdout, unframe, type Message, type WebSocketConn } from '../../apimachinery/util/httpstream/wsstream/conn.js';
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
    const tty = bool(flags, 'tty') && stdin;
    if (bool(flags, 'tty') && !stdin && !bool(flags, 'quiet')) ctx.io.stderr('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    const q = new URLSearchParams();
    for (const c of command) q.append('command', c);
    q.set('container', container);
    if (stdin) q.set('stdin', 'true');
    q.set('stdout', 'true');
    if (!tty) q.set('stderr', 'true');
    if (tty) q.set('tty', 'true');
    const conn = await openWebSocket(ctx, `/api/v1/namespaces/${namespace}/pods/${podArg}/exec`, q, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    const writer = conn.writable.getWriter();
    if (stdin) {
      const input = await ctx.io.stdin();
      if (input) await writer.write(frame(StreamStdin, input));
      await writer.write(new Uint8Array([StreamClose, StreamStdin]));
    }
    const dec = { out: new TextDecoder(), err: new TextDecoder() };
    let status = '';
    const reader = conn.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const m = unframe(value);
      if (!m) continue;
      if (m.channel === StreamStdout) ctx.io.stdout(dec.out.decode(m.data, { stream: true }));
      else if (m.channel === StreamStderr) ctx.io.stderr(dec.err.decode(m.data, { stream: true }));
      else if (m.channel === StreamError) status += new TextDecoder().decode(m.data);
    }
    await writer.close().catch(() => undefined);
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
