// Mirrors pkg/scheduler/backend/queue/scheduling_queue.go (PriorityQueue): activeQ, a heap in
// queue-sort order (priority, then timestamp); backoffQ, a heap by backoff expiry (1 s doubling to
// 10 s per attempt); unschedulablePods, parked until a cluster event (node added or changed, pod
// deleted…) moves them back, or for at most 5 minutes. Queueing hints, PreEnqueue/gated pods and
// nominated pods are left out: every event moves every parked pod.
import type { Pod } from '../../../api/core/v1/types.js';
import type { Clock, Timer } from '../../../util/clock.js';
import { podKey, type QueuedPodInfo } from '../../framework/types.js';
import { Heap } from '../heap/heap.js';

export const DefaultPodInitialBackoffDuration = 1000;
export const DefaultPodMaxBackoffDuration = 10_000;
export const DefaultPodMaxInUnschedulablePodsDuration = 5 * 60_000;
/** flush periods of the backoff and unschedulable queues, as upstream's goroutines use. */
const backoffFlushPeriod = 1000;
const unschedulableFlushPeriod = 30_000;

/** ClusterEvent names why pods are moved back (framework.ClusterEvent's label). */
export type ClusterEvent = 'NodeAdd' | 'NodeUpdate' | 'AssignedPodDelete' | 'AssignedPodUpdate' | 'ServiceAdd' | 'ServiceUpdate' | 'UnschedulableTimeout' | 'ForceActivate';

export interface SchedulingQueueOptions {
  clock: Clock;
  less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  podInitialBackoffDuration?: number;
  podMaxBackoffDuration?: number;
  podMaxInUnschedulablePodsDuration?: number;
}

export class PriorityQueue {
  private readonly clock: Clock;
  readonly activeQ: Heap<QueuedPodInfo>;
  readonly podBackoffQ: Heap<QueuedPodInfo>;
  readonly unschedulablePods = new Map<string, QueuedPodInfo>();
  /** schedulingCycle counts pops; moveRequestCycle is the cycle of the last move request. */
  private schedulingCycle = 0;
  private moveRequestCycle = -1;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxInUnschedulable: number;
  private waiters: ((p: QueuedPodInfo | undefined) => void)[] = [];
  /** inFlight holds pods popped and not yet done (their scheduling cycle is running). */
  private readonly inFlight = new Set<string>();
  private closed = false;
  private timers: Timer[] = [];

  constructor(options: SchedulingQueueOptions) {
    this.clock = options.clock;
    this.initialBackoff = options.podInitialBackoffDuration ?? DefaultPodInitialBackoffDuration;
    this.maxBackoff = options.podMaxBackoffDuration ?? DefaultPodMaxBackoffDuration;
    this.maxInUnschedulable = options.podMaxInUnschedulablePodsDuration ?? DefaultPodMaxInUnschedulablePodsDuration;
    const key = (p: QueuedPodInfo) => podKey(p.pod);
    this.activeQ = new Heap(key, options.less);
    this.podBackoffQ = new Heap(key, (a, b) => this.getBackoffTime(a) < this.getBackoffTime(b));
  }

  /** run starts the periodic flushes of backoffQ (every second) and of long-parked pods (30 s). */
  run(): void {
    const every = (ms: number, fn: () => void) => {
      const tick = () => {
        if (this.closed) return;
        fn();
        this.timers.push(this.clock.setTimer(ms, tick));
      };
      this.timers.push(this.clock.setTimer(ms, tick));
    };
    every(backoffFlushPeriod, () => this.flushBackoffQCompleted());
    every(unschedulableFlushPeriod, () => this.flushUnschedulablePodsLeftover());
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) t.stop();
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  private newQueuedPodInfo(pod: Pod): QueuedPodInfo {
    const now = this.clock.now();
    return { pod, timestamp: now, initialAttemptTimestamp: now, attempts: 0, unschedulablePlugins: new Set() };
  }

  /** add puts a new pod in activeQ (and out of the other queues). */
  add(pod: Pod): void {
    const key = podKey(pod);
    this.unschedulablePods.delete(key);
    this.podBackoffQ.delete(key);
    this.activeQ.addOrUpdate(this.newQueuedPodInfo(pod));
    this.wake();
  }

  /** pop waits for the head of activeQ; undefined once the queue is closed. */
  pop(): Promise<QueuedPodInfo | undefined> {
    const p = this.tryPop();
    if (p || this.closed) return Promise.resolve(p);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private tryPop(): QueuedPodInfo | undefined {
    const p = this.activeQ.pop();
    if (!p) return undefined;
    p.attempts++;
    this.schedulingCycle++;
    this.inFlight.add(podKey(p.pod));
    return p;
  }

  private wake(): void {
    while (this.waiters.length && this.activeQ.length) this.waiters.shift()!(this.tryPop());
  }

  /** done marks a popped pod's cycle finished. */
  done(pod: Pod): void {
    this.inFlight.delete(podKey(pod));
  }

  schedulingCycleNumber(): number {
    return this.schedulingCycle;
  }

  /**
   * addUnschedulableIfNotPresent returns a pod that failed to schedule. If a move request came
   * during its cycle (the cluster changed meanwhile) it goes to backoffQ, else it is parked.
   */
  addUnschedulableIfNotPresent(pInfo: QueuedPodInfo, podSchedulingCycle: number): void {
    const key = podKey(pInfo.pod);
    this.inFlight.delete(key);
    if (this.unschedulablePods.has(key) || this.activeQ.has(key) || this.podBackoffQ.has(key)) return;
    pInfo.timestamp = this.clock.now();
    if (this.moveRequestCycle >= podSchedulingCycle || pInfo.unschedulablePlugins.size === 0) this.podBackoffQ.addOrUpdate(pInfo);
    else this.unschedulablePods.set(key, pInfo);
  }

  /** getBackoffTime is the end of the pod's backoff: timestamp + 1 s × 2^(attempts−1), capped. */
  getBackoffTime(p: QueuedPodInfo): number {
    return p.timestamp + this.calculateBackoffDuration(p);
  }

  calculateBackoffDuration(p: QueuedPodInfo): number {
    let d = this.initialBackoff;
    for (let i = 1; i < p.attempts; i++) {
      if (d > this.maxBackoff - d) return this.maxBackoff;
      d += d;
    }
    return Math.min(d, this.maxBackoff);
  }

  isPodBackingoff(p: QueuedPodInfo): boolean {
    return this.getBackoffTime(p) > this.clock.now();
  }

  /** flushBackoffQCompleted moves pods whose backoff ended to activeQ. */
  flushBackoffQCompleted(): void {
    for (let p = this.podBackoffQ.peek(); p && !this.isPodBackingoff(p); p = this.podBackoffQ.peek()) {
      this.podBackoffQ.pop();
      this.activeQ.addOrUpdate(p);
    }
    this.wake();
  }

  /** flushUnschedulablePodsLeftover moves pods parked longer than the limit. */
  flushUnschedulablePodsLeftover(): void {
    const now = this.clock.now();
    const stale = [...this.unschedulablePods.values()].filter((p) => now - p.timestamp > this.maxInUnschedulable);
    if (stale.length) this.movePodsToActiveOrBackoffQueue(stale, 'UnschedulableTimeout');
  }

  /** moveAllToActiveOrBackoffQueue is called on cluster events that may make pods schedulable. */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent): void {
    this.movePodsToActiveOrBackoffQueue([...this.unschedulablePods.values()], event);
  }

  private movePodsToActiveOrBackoffQueue(pods: QueuedPodInfo[], _event: ClusterEvent): void {
    for (const p of pods) {
      const key = podKey(p.pod);
      this.unschedulablePods.delete(key);
      if (this.isPodBackingoff(p)) this.podBackoffQ.addOrUpdate(p);
      else this.activeQ.addOrUpdate(p);
    }
    // Pods in flight now will go to backoffQ rather than be parked: the cluster just changed.
    this.moveRequestCycle = this.schedulingCycle;
    this.wake();
  }

  /** update refreshes a queued pod; a parked pod whose spec changed gets another try. */
  update(oldPod: Pod, newPod: Pod): void {
    const key = podKey(newPod);
    for (const q of [this.activeQ, this.podBackoffQ]) {
      const p = q.get(key);
      if (p) {
        q.addOrUpdate({ ...p, pod: newPod });
        return;
      }
    }
    const parked = this.unschedulablePods.get(key);
    if (parked) {
      const updated = { ...parked, pod: newPod };
      if (JSON.stringify(oldPod.spec) !== JSON.stringify(newPod.spec) || JSON.stringify(oldPod.metadata.labels) !== JSON.stringify(newPod.metadata.labels)) {
        this.unschedulablePods.delete(key);
        if (this.isPodBackingoff(updated)) this.podBackoffQ.addOrUpdate(updated);
        else {
          this.activeQ.addOrUpdate(updated);
          this.wake();
        }
      } else this.unschedulablePods.set(key, updated);
      return;
    }
    if (!this.inFlight.has(key)) this.add(newPod);
  }

  delete(pod: Pod): void {
    const key = podKey(pod);
    this.activeQ.delete(key);
    this.podBackoffQ.delete(key);
    this.unschedulablePods.delete(key);
  }

  /** pendingPods lists every queued pod with the queue it is in (for debugging and tests). */
  pendingPods(): { pod: string; queue: 'activeQ' | 'backoffQ' | 'unschedulablePods' }[] {
    return [
      ...this.activeQ.list().map((p) => ({ pod: podKey(p.pod), queue: 'activeQ' as const })),
      ...this.podBackoffQ.list().map((p) => ({ pod: podKey(p.pod), queue: 'backoffQ' as const })),
      ...[...this.unschedulablePods.values()].map((p) => ({ pod: podKey(p.pod), queue: 'unschedulablePods' as const })),
    ];
  }
}
