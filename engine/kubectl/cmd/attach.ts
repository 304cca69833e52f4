// Mirrors k8s.io/kubectl/pkg/cmd/attach (attach.go) with client-go's WebSocket executor (protocol
// v5.channel.k8s.io): POST-less GET of pods/<pod>/attach upgraded to a WebSocket; stdin out on
// channel 0 then a close of stdin, the container's output back on 1 and 2, the Status on 3.
// Simplified: input is never a terminal here (stdin is read whole, as from a pipe), so there is no
// raw mode, size queue or reattach hint; only pods (POD or pod/POD) are attached to.
import {
  frame, StreamClose, StreamError, StreamStderr, StreamStdin, StreamStdout, unframe,
} from '../../apimachinery/util/httpstream/wsstream/conn.js';
import { openWebSocket } from './exec.js';
import { bool, str } from './util/flags.js';
import { UsageError } from './util/helpers.js';
import type { Command, CommandContext } from './util/command.js';

export interface AttachPod {
  metadata: { name?: string; namespace?: string; annotations?: Record<string, string> };
  spec?: { containers?: Array<{ name: string; stdin?: boolean; tty?: boolean }>; restartPolicy?: string };
  status?: { phase?: string };
}

export interface AttachOptions {
  namespace: string;
  pod: AttachPod;
  container: string;
  stdin: boolean;
  tty: boolean;
  quiet: boolean;
}

/** containerToAttach picks -c, else the default-container annotation, else the first container (podcmd). */
export function containerToAttach(ctx: CommandContext, pod: AttachPod, name: string, quiet: boolean): { name: string; stdin?: boolean; tty?: boolean } {
  const containers = pod.spec?.containers ?? [];
  if (name) {
    const c = containers.find((x) => x.name === name);
    if (!c) throw new Error(`container ${name} not found in pod ${pod.metadata.name}`);
    return c;
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const c = containers.find((x) => x.name === annotated) ?? containers[0];
  if (!c) throw new Error(`pod ${pod.metadata.name} has no containers`);
  if (containers.length > 1 && !quiet) ctx.io.stderr(`Defaulted container "${c.name}" out of: ${containers.map((x) => x.name).join(', ')}\n`);
  return c;
}

/**
 * attachToPod runs one attach session: the TTY checks of AttachOptions.Run, the request, and the
 * streams until the server ends the session. It throws the Status' message when attaching fails.
 */
export async function attachToPod(ctx: CommandContext, o: AttachOptions): Promise<void> {
  const c = (o.pod.spec?.containers ?? []).find((x) => x.name === o.container);
  if (o.tty && !c?.tty) ctx.io.stderr(`error: Unable to use a TTY - container ${o.container} did not allocate one\n`);
  // SetupTTY: input that is not a terminal cannot be put in raw mode, so the request never asks
  // for a terminal (a container that has one still cooks what it reads).
  else if (o.tty && o.stdin && !o.quiet) ctx.io.stderr('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  if (!o.quiet && o.stdin) ctx.io.stderr("If you don't see a command prompt, try pressing enter.\n");
  const q = new URLSearchParams({ container: o.container });
  if (o.stdin) q.set('stdin', 'true');
  q.set('stdout', 'true');
  q.set('stderr', 'true');
  const conn = await openWebSocket(ctx, `/api/v1/namespaces/${o.namespace}/pods/${o.pod.metadata.name}/attach`, q, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
  const writer = conn.writable.getWriter();
  if (o.stdin) {
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
  if (!status) return;
  const s = JSON.parse(status) as { status?: string; message?: string };
  if (s.status !== 'Success') throw new Error(s.message ?? 'error attaching to container');
}

export const attachCommand: Command = {
  name: 'attach',
  short: 'Attach to a running container',
  flags: [
    { name: 'container', short: 'c', kind: 'string' },
    { name: 'stdin', short: 'i', kind: 'bool' },
    { name: 'tty', short: 't', kind: 'bool' },
    { name: 'quiet', short: 'q', kind: 'bool' },
    { name: 'pod-running-timeout', kind: 'string' },
  ],
  async run(ctx) {
    const { args, flags } = ctx;
    if (args.length === 0) throw new UsageError('at least 1 argument is required for attach');
    if (args.length > 1) throw new UsageError(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: ${JSON.stringify(args)}`);
    const [kind, name] = args[0]!.includes('/') ? (args[0]!.split('/') as [string, string]) : ['pod', args[0]!];
    if (!['pod', 'pods', 'po'].includes(kind)) throw new Error(`cannot attach to ${kind}/${name}: only pods can be attached to here`);
    const client = await ctx.f.restClient();
    const { namespace } = await ctx.f.namespace();
    const pod = await client.get<AttachPod>(`/api/v1/namespaces/${namespace}/pods/${name}`);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new Error(`cannot attach a container in a completed pod; current phase is ${phase}`);
    const quiet = bool(flags, 'quiet');
    const container = containerToAttach(ctx, pod, str(flags, 'container'), quiet);
    await attachToPod(ctx, { namespace, pod, container: container.name, stdin: bool(flags, 'stdin'), tty: bool(flags, 'tty'), quiet });
  },
};
