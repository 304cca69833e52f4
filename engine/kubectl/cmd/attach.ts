// Mirrors k8s.io/kubectl/pkg/cmd/attach (attach.go) with client-go's WebSocket executor (protocol
// v5.channel.k8s.io): POST-less GET of pods/<pod>/attach upgraded to a WebSocket; stdin out on
// channel 0 as it comes then a close of stdin, the container's output back on 1 and 2, the Status
// on 3; with -t and a terminal, raw mode and window sizes as exec has them. Simplified: only pods
// (POD or pod/POD) are attached to.
import { openWebSocket, setupTTY, streamSession } from './exec.js';
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
  let tty = o.tty;
  if (tty && !c?.tty) {
    ctx.io.stderr(`error: Unable to use a TTY - container ${o.container} did not allocate one\n`);
    tty = false;
  } else if (!tty && c?.tty) tty = true; // the container has a terminal: the client must speak to it as one
  const raw = setupTTY(ctx, o.stdin, tty, o.quiet);
  if (!o.quiet && o.stdin) ctx.io.stderr("If you don't see a command prompt, try pressing enter.\n");
  const q = new URLSearchParams({ container: o.container });
  if (o.stdin) q.set('stdin', 'true');
  q.set('stdout', 'true');
  if (!raw) q.set('stderr', 'true');
  if (raw) q.set('tty', 'true');
  const conn = await openWebSocket(ctx, `/api/v1/namespaces/${o.namespace}/pods/${o.pod.metadata.name}/attach`, q, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
  const status = await streamSession(ctx, conn, { stdin: o.stdin, tty: raw });
  if (!o.quiet && o.stdin && raw && (o.pod.spec?.restartPolicy ?? 'Always') === 'Always') {
    ctx.io.stdout(`Session ended, resume using 'kubectl attach ${o.pod.metadata.name} -c ${o.container} -i -t' command when the pod is running\n`);
  }
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
