// Mirrors pkg/scheduler/scheduler.go: New builds the cache, the queue and one framework per
// profile (or, for the books, one from a legacy Policy / algorithm provider), wires the informer
// event handlers, and run() loops scheduleOne until stopped. Extenders and the metrics recorder
// are left out.
import type { Pod } from '../api/core/v1/types.js';
import type { SharedInformerFactory } from '../client/informers/factory.js';
import type { Clientset } from '../client/kubernetes/clientset.js';
import { newEventSink, type EventBroadcaster, newBroadcaster, type EventRecorder } from '../client/tools/record/event.js';
import type { Clock } from '../util/clock.js';
import { providerPolicy } from './algorithmprovider/registry.js';
import { DefaultSchedulerName, type KubeSchedulerProfile, type Policy } from './apis/config/types.js';
import { Cache } from './backend/cache/cache.js';
import { Snapshot } from './backend/cache/snapshot.js';
import { PriorityQueue } from './backend/queue/scheduling-queue.js';
import { addAllEventHandlers } from './eventhandlers.js';
import type { Framework } from './framework/runtime/framework.js';
import { policyToProfile } from './framework/plugins/legacy-registry.js';
import { newInTreeRegistry, type Registry } from './framework/plugins/registry.js';
import { mergeDefaults, newMap } from './profile/profile.js';
import { scheduleOne } from './schedule-one.js';

export interface SchedulerOptions {
  client: Clientset;
  informerFactory: SharedInformerFactory;
  clock: Clock;
  /** profiles are KubeSchedulerConfiguration profiles; default: one default-scheduler profile. */
  profiles?: KubeSchedulerProfile[];
  /** policy is a legacy --policy-config-file Policy; it replaces profiles. */
  policy?: Policy;
  /** algorithmProvider (--algorithm-provider) fills what the policy leaves out. */
  algorithmProvider?: string;
  /** schedulerName names the legacy profile (--scheduler-name). */
  schedulerName?: string;
  /** outOfTreeRegistry adds plugins by name. */
  outOfTreeRegistry?: Registry;
  broadcaster?: EventBroadcaster;
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  /** rand breaks score ties (0 ≤ x < 1); tests inject a fixed one. */
  rand?: () => number;
}

/** resolveProfiles turns the options into profiles (policy/provider first, as the 1.x flags did). */
export function resolveProfiles(o: Pick<SchedulerOptions, 'profiles' | 'policy' | 'algorithmProvider' | 'schedulerName'>): KubeSchedulerProfile[] {
  if (o.policy || o.algorithmProvider) {
    const policy = o.algorithmProvider ? providerPolicy(o.algorithmProvider, o.policy) : providerPolicy('DefaultProvider', o.policy);
    return [policyToProfile(policy, o.schedulerName ?? DefaultSchedulerName)];
  }
  const profiles = o.profiles?.length ? o.profiles : [{ schedulerName: o.schedulerName ?? DefaultSchedulerName }];
  return profiles.map((p) => ({ ...p, plugins: mergeDefaults(p.plugins) }));
}

export class Scheduler {
  readonly cache: Cache;
  readonly queue: PriorityQueue;
  readonly profiles: Map<string, Framework>;
  readonly recorders = new Map<string, EventRecorder>();
  readonly broadcaster: EventBroadcaster;
  readonly client: Clientset;
  readonly informerFactory: SharedInformerFactory;
  readonly clock: Clock;
  readonly rand: () => number;
  /** nodeInfoSnapshot is the current cycle's view of the nodes. */
  nodeInfoSnapshot = new Snapshot();
  /** nextStartNodeIndex is where the next cycle's filtering starts (round-robin over nodes). */
  nextStartNodeIndex = 0;
  /** bindings are the binding cycles still running. */
  readonly bindings = new Set<Promise<void>>();
  private ownsBroadcaster = false;

  constructor(o: SchedulerOptions) {
    this.client = o.client;
    this.informerFactory = o.informerFactory;
    this.clock = o.clock;
    this.rand = o.rand ?? Math.random;
    this.ownsBroadcaster = !o.broadcaster;
    this.broadcaster = o.broadcaster ?? newBroadcaster(o.clock);
    if (this.ownsBroadcaster) this.broadcaster.startRecordingToSink(newEventSink(o.client));
    const registry = { ...newInTreeRegistry(), ...(o.outOfTreeRegistry ?? {}) };
    this.profiles = newMap(registry, resolveProfiles(o), (name) => {
      const recorder = this.broadcaster.newRecorder({ component: name });
      this.recorders.set(name, recorder);
      return {
        clientSet: () => this.client,
        sharedInformerFactory: () => this.informerFactory,
        snapshotSharedLister: () => this.nodeInfoSnapshot,
        eventRecorder: () => recorder,
        clock: () => this.clock,
      };
    });
    const first = [...this.profiles.values()][0]!;
    const less = first.queueSortLess();
    this.cache = new Cache(o.clock);
    this.queue = new PriorityQueue({
      clock: o.clock,
      less: (a, b) => less(a, b),
      podInitialBackoffDuration: (o.podInitialBackoffSeconds ?? 1) * 1000,
      podMaxBackoffDuration: (o.podMaxBackoffSeconds ?? 10) * 1000,
    });
    addAllEventHandlers(this, o.informerFactory);
  }

  /** frameworkForPod picks the profile named by spec.schedulerName. */
  frameworkForPod(pod: Pod): Framework | undefined {
    return this.profiles.get(pod.spec?.schedulerName || DefaultSchedulerName);
  }

  /** run schedules pods one at a time until signal aborts. Start and sync the informers first. */
  async run(signal: AbortSignal): Promise<void> {
    this.queue.run();
    this.cache.run();
    signal.addEventListener('abort', () => this.queue.close(), { once: true });
    while (!signal.aborted) {
      const more = await scheduleOne(this);
      if (!more) break;
    }
    this.queue.close();
    this.cache.stop();
    await Promise.all([...this.bindings]);
    if (this.ownsBroadcaster) await this.broadcaster.flush();
  }
}

/** newScheduler mirrors scheduler.New. */
export function newScheduler(o: SchedulerOptions): Scheduler {
  return new Scheduler(o);
}
