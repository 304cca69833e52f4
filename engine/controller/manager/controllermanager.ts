// Mirrors cmd/kube-controller-manager/app/controllermanager.go (Run, StartControllers): build the
// clients, the shared informer factory and the event broadcaster, then — directly or once elected
// leader through a lock object — start every enabled controller and the informers once. Losing the
// lease stops the controllers (upstream the process exits: "leaderelection lost").
import { newForTransport, type Clientset } from '../../client/kubernetes/clientset.js';
import { newSharedInformerFactory } from '../../client/informers/factory.js';
import { newLeaderElector, type LeaderElector } from '../../client/tools/leaderelection/leader-election.js';
import { newLock } from '../../client/tools/leaderelection/resourcelock/configmap-lock.js';
import { newBroadcaster, newEventSink, type EventBroadcaster } from '../../client/tools/record/event.js';
import type { Transport } from '../../client/transport.js';
import type { Clock } from '../../util/clock.js';
import { isControllerEnabled, newControllerInitializers, type InitFunc, type ManagerContext } from './controllers.js';
import { defaultOptions, type KubeControllerManagerOptions } from './options.js';

export interface ControllerManagerConfig {
  transport: Transport;
  clock: Clock;
  options?: Partial<KubeControllerManagerOptions>;
  /** initializers replaces the registry (tests run a subset). */
  initializers?: Map<string, InitFunc>;
  onError?: (err: unknown) => void;
  /** onStartedLeading hears when the controllers start: once elected, or at once without --leader-elect. */
  onStartedLeading?: () => void;
}

export class ControllerManager {
  readonly options: KubeControllerManagerOptions;
  readonly client: Clientset;
  readonly broadcaster: EventBroadcaster;
  readonly identity: string;
  /** started lists the controllers running now (empty while not leading). */
  started: string[] = [];
  private elector: LeaderElector | undefined;

  constructor(readonly config: ControllerManagerConfig) {
    this.options = { ...defaultOptions(), ...(config.options ?? {}) };
    this.identity = this.options.identity ?? `kube-controller-manager_${crypto.randomUUID()}`;
    this.client = newForTransport(config.transport, 'kube-controller-manager/v1.32.0');
    this.broadcaster = newBroadcaster(config.clock);
    this.broadcaster.startRecordingToSink(newEventSink(this.client));
  }

  isLeader(): boolean {
    return !this.options.leaderElect || (this.elector?.isLeader() ?? false);
  }

  /** run works until signal aborts (or, with leader election, until the lease is lost). */
  async run(signal: AbortSignal): Promise<void> {
    if (!this.options.leaderElect) return this.startControllers(signal);
    const o = this.options;
    const lock = newLock(o.leaderElectResourceLock, o.leaderElectResourceNamespace, o.leaderElectResourceName, this.client, {
      identity: this.identity,
      eventRecorder: this.broadcaster.newRecorder({ component: 'kube-controller-manager' }),
    });
    let running: Promise<void> | undefined;
    this.elector = newLeaderElector({
      lock,
      clock: this.config.clock,
      leaseDuration: o.leaderElectLeaseDuration,
      renewDeadline: o.leaderElectRenewDeadline,
      retryPeriod: o.leaderElectRetryPeriod,
      name: 'kube-controller-manager',
      callbacks: {
        onStartedLeading: (leading) => void (running = this.startControllers(leading)),
        onStoppedLeading: () => undefined,
      },
      onError: this.config.onError,
    });
    await this.elector.run(signal);
    await running;
  }

  /** startControllers builds every enabled controller, starts the informers once, and runs them. */
  private async startControllers(signal: AbortSignal): Promise<void> {
    const factory = newSharedInformerFactory(this.client, this.config.clock);
    const ctx: ManagerContext = { clientset: this.client, informerFactory: factory, clock: this.config.clock, broadcaster: this.broadcaster, options: this.options };
    const runs: Promise<void>[] = [];
    const names: string[] = [];
    for (const [name, init] of this.config.initializers ?? newControllerInitializers()) {
      if (!isControllerEnabled(name, this.options.controllers)) continue;
      const started = init(ctx);
      if (!started) continue; // e.g. the garbage collector when disabled
      const c = started.controller as { onError?: (err: unknown) => void };
      if (this.config.onError && 'onError' in c) c.onError = this.config.onError;
      names.push(name);
      runs.push(started.controller.run(started.workers, signal));
    }
    // Every controller asked for its informers above: start them all at once.
    factory.start(signal);
    this.started = names;
    this.config.onStartedLeading?.();
    try {
      await Promise.all(runs);
    } finally {
      this.started = [];
      await factory.shutdown();
    }
  }
}
