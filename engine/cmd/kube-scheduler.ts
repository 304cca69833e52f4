// The `kube-scheduler` command (cmd/kube-scheduler/app/server.go): flags → options → a Scheduler
// with shared informers, optionally behind leader election. runKubeScheduler is web-standard (the
// caller supplies transport, clock and file reads) so `kubelab up` and the browser worker can run
// it in process; main() adapts it to a Node process talking HTTP to --master.
import { parse as parseYAML } from 'yaml';
import { newForTransport } from '../client/kubernetes/clientset.js';
import { newSharedInformerFactory } from '../client/informers/factory.js';
import { runOrDie } from '../client/tools/leaderelection/leader-election.js';
import { newLock } from '../client/tools/leaderelection/resourcelock/configmap-lock.js';
import { newBroadcaster, newEventSink } from '../client/tools/record/event.js';
import type { Transport } from '../client/transport.js';
import type { KubeSchedulerConfiguration, Policy } from '../scheduler/apis/config/types.js';
import { newScheduler, type Scheduler } from '../scheduler/scheduler.js';
import type { Clock } from '../util/clock.js';
import { parseFlags } from './kubelab/flags.js';

export const kubeSchedulerUsage = `Usage: kube-scheduler [--master URL] [--config FILE] [--policy-config-file FILE] [--algorithm-provider DefaultProvider|ClusterAutoscalerProvider] [--scheduler-name NAME] [--leader-elect] [--lock-object-namespace NS] [--lock-object-name NAME]
`;

export interface KubeSchedulerIO {
  transport: Transport;
  clock: Clock;
  readFile(path: string): Promise<string>;
  stderr(s: string): void;
  signal: AbortSignal;
  /** identity names this instance in the leader election record (hostname_uid upstream). */
  identity?: string;
  /** onScheduler receives the scheduler once built (tests, `kubelab status`). */
  onScheduler?(s: Scheduler): void;
  /** onRunning hears when the scheduler starts scheduling: its caches synced and, with --leader-elect, leading. */
  onRunning?(): void;
}

/** parseOptions reads the flags and files into what newScheduler needs. */
export async function parseOptions(argv: string[], io: Pick<KubeSchedulerIO, 'readFile'>) {
  const flags = parseFlags(argv, {
    values: ['master', 'kubeconfig', 'config', 'policy-config-file', 'algorithm-provider', 'scheduler-name', 'lock-object-namespace', 'lock-object-name', 'v'],
    booleans: ['leader-elect'],
  });
  let config: KubeSchedulerConfiguration = {};
  const configFile = flags.values.get('config');
  if (configFile) {
    config = parseYAML(await io.readFile(configFile)) as KubeSchedulerConfiguration;
    if (config.kind !== 'KubeSchedulerConfiguration') throw new Error(`couldn't decode as KubeSchedulerConfiguration, got kind ${JSON.stringify(config.kind ?? '')}`);
  }
  let policy: Policy | undefined;
  const policyFile = flags.values.get('policy-config-file');
  if (policyFile) policy = parseYAML(await io.readFile(policyFile)) as Policy;
  const leaderElect = flags.values.has('leader-elect') ? flags.values.get('leader-elect') !== 'false' : (config.leaderElection?.leaderElect ?? false);
  return {
    master: flags.values.get('master'),
    config,
    policy,
    algorithmProvider: flags.values.get('algorithm-provider'),
    schedulerName: flags.values.get('scheduler-name'),
    leaderElect,
    lockNamespace: flags.values.get('lock-object-namespace') ?? config.leaderElection?.resourceNamespace ?? 'kube-system',
    lockName: flags.values.get('lock-object-name') ?? config.leaderElection?.resourceName ?? 'kube-scheduler',
  };
}

/** runKubeScheduler runs until io.signal aborts; it returns the exit code. */
export async function runKubeScheduler(argv: string[], io: KubeSchedulerIO): Promise<number> {
  let opts: Awaited<ReturnType<typeof parseOptions>>;
  try {
    opts = await parseOptions(argv, io);
  } catch (err) {
    io.stderr(`Error: ${(err as Error).message}\n${kubeSchedulerUsage}`);
    return 1;
  }
  const cs = newForTransport(io.transport, 'kube-scheduler/v1.32.0');
  const factory = newSharedInformerFactory(cs, io.clock);
  const broadcaster = newBroadcaster(io.clock);
  broadcaster.startRecordingToSink(newEventSink(cs));
  let sched: Scheduler;
  try {
    sched = newScheduler({
      client: cs,
      informerFactory: factory,
      clock: io.clock,
      broadcaster,
      profiles: opts.config.profiles,
      policy: opts.policy,
      algorithmProvider: opts.algorithmProvider,
      schedulerName: opts.schedulerName,
      podInitialBackoffSeconds: opts.config.podInitialBackoffSeconds,
      podMaxBackoffSeconds: opts.config.podMaxBackoffSeconds,
    });
  } catch (err) {
    io.stderr(`Error: couldn't create scheduler: ${(err as Error).message}\n`);
    return 1;
  }
  io.onScheduler?.(sched);
  factory.start(io.signal);
  await factory.waitForCacheSync(io.signal);
  const run = (signal: AbortSignal) => {
    io.onRunning?.();
    return sched.run(signal);
  };
  if (!opts.leaderElect) await run(io.signal);
  else {
    const identity = io.identity ?? `kube-scheduler-${Math.random().toString(36).slice(2, 10)}`;
    const recorder = broadcaster.newRecorder({ component: opts.schedulerName ?? 'default-scheduler' });
    const lock = newLock('configmaps', opts.lockNamespace, opts.lockName, cs, { identity, eventRecorder: recorder });
    let running: Promise<void> | undefined;
    await runOrDie(io.signal, {
      lock,
      clock: io.clock,
      leaseDuration: 15_000,
      renewDeadline: 10_000,
      retryPeriod: 2_000,
      name: opts.lockName,
      callbacks: {
        onStartedLeading: (signal) => void (running = run(signal)),
        // Upstream exits on lost leadership ("leaderelection lost"); the run loop stops instead.
        onStoppedLeading: () => undefined,
      },
    });
    await running;
  }
  await factory.shutdown();
  await broadcaster.flush();
  return 0;
}

/** main runs kube-scheduler in a Node process against --master (default http://127.0.0.1:8080). */
export async function main(argv: string[]): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const { RealClock } = await import('../util/clock.js');
  const masterIndex = argv.findIndex((a) => a === '--master' || a.startsWith('--master='));
  const master = masterIndex < 0 ? 'http://127.0.0.1:8080' : argv[masterIndex]!.includes('=') ? argv[masterIndex]!.split('=')[1]! : argv[masterIndex + 1]!;
  const base = new URL(master);
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  return runKubeScheduler(argv, {
    transport: (request) => {
      const url = new URL(request.url);
      return fetch(new Request(new URL(url.pathname + url.search, base), request));
    },
    clock: new RealClock(),
    readFile: (p) => readFile(p, 'utf8'),
    stderr: (s) => void process.stderr.write(s),
    signal: abort.signal,
  });
}

if (typeof process !== 'undefined' && process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
