// Mirrors the attached half of k8s.io/kubectl/pkg/cmd/run/run.go (handleAttachPod, waitForPod,
// podRunningAndReady, podCompleted, the exit-code switch and --rm): `kubectl run -i` waits for the
// pod to run, attaches, then reports how the container ended, and deletes the pod with --rm.
// Simplified: the pod is polled every half second instead of watched.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { attachToPod, type AttachPod } from './attach.js';
import { parseDuration } from './delete.js';
import { bool, str } from './util/flags.js';
import { ExitError } from './util/helpers.js';
import type { CommandContext } from './util/command.js';

interface RunPod extends AttachPod {
  status?: {
    phase?: string;
    conditions?: Array<{ type: string; status: string }>;
    containerStatuses?: Array<{ state?: { terminated?: { exitCode: number; reason?: string; message?: string } } }>;
  };
}

/** errPodCompleted is upstream's ErrPodCompleted: the pod finished before it could be attached to. */
const errPodCompleted = 'pod ran to completion';

type Condition = (pod: RunPod) => boolean;

const completed = (p: RunPod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

const runningAndReady: Condition = (p) => {
  if (completed(p)) throw new Error(errPodCompleted);
  return p.status?.phase === 'Running' && !!p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
};

/** waitForPod polls the pod until cond holds, or fails after timeoutMs. */
async function waitForPod(ctx: CommandContext, path: string, timeoutMs: number, cond: Condition): Promise<RunPod> {
  const client = await ctx.f.restClient();
  const deadline = ctx.io.clock.now() + timeoutMs;
  for (;;) {
    const pod = await client.get<RunPod>(path);
    if (cond(pod)) return pod;
    if (ctx.io.clock.now() >= deadline) throw new Error('timed out waiting for the condition');
    await ctx.io.clock.sleep(500);
  }
}

/** printLogs is logOpts: what the container wrote, when attaching is not possible. */
async function printLogs(ctx: CommandContext, path: string, container: string): Promise<void> {
  const client = await ctx.f.restClient();
  const res = await client.raw('GET', `${path}/log`, { query: { container } });
  ctx.io.stdout(await res.text());
}

/** runAttached is run's tail for -i/--attach: attach, the exit code, and --rm. */
export async function runAttached(ctx: CommandContext, created: KubeObject, restart: string): Promise<number> {
  const { flags, io } = ctx;
  const name = created.metadata.name ?? '';
  const { namespace } = await ctx.f.namespace();
  const path = `/api/v1/namespaces/${namespace}/pods/${name}`;
  const timeout = parseDuration(str(flags, 'pod-running-timeout') || '1m0s') || 60_000;
  const container = name;
  try {
    let pod: RunPod | undefined;
    try {
      pod = await waitForPod(ctx, path, timeout, runningAndReady);
    } catch (err) {
      if ((err as Error).message !== errPodCompleted) throw err;
    }
    if (!pod) await printLogs(ctx, path, container);
    else {
      try {
        await attachToPod(ctx, { namespace, pod, container, stdin: bool(flags, 'stdin'), tty: bool(flags, 'tty'), quiet: bool(flags, 'quiet') });
      } catch (err) {
        io.stderr(`warning: couldn't attach to pod/${name}, falling back to streaming logs: ${(err as Error).message}\n`);
        await printLogs(ctx, path, container);
      }
    }
    const waitForExitCode = !bool(flags, 'leave-stdin-open') && (restart === 'Never' || restart === 'OnFailure');
    if (!waitForExitCode) return 0;
    const done = await waitForPod(ctx, path, timeout, restart === 'OnFailure' ? (p) => p.status?.phase === 'Succeeded' : completed);
    if (done.status?.phase === 'Succeeded') return 0;
    const terminated = done.status?.containerStatuses?.[0]?.state?.terminated;
    if (!terminated || terminated.exitCode === 0) throw new Error(`pod ${namespace}/${name} failed with unknown exit code`);
    // A CodeExitError: printed as it is, and its code is kubectl's.
    io.stderr(`pod ${namespace}/${name} terminated (${terminated.reason ?? ''})\n${terminated.message ?? ''}${terminated.message?.endsWith('\n') ? '' : terminated.message ? '\n' : ''}`);
    throw new ExitError(terminated.exitCode);
  } finally {
    if (bool(flags, 'rm')) {
      const client = await ctx.f.restClient();
      await client.do('DELETE', path);
      io.stdout(`pod "${name}" deleted\n`);
    }
  }
}
