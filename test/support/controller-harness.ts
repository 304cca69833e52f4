// Test harness (no upstream twin; plays the role of test/integration/framework): an in-process
// control plane on a VirtualClock, a clientset and informer factory over its transport, and the
// scheduler and kubelet played by hand — bind pods, mark them Running/Ready, finish deletions.
import type { Pod } from '../../engine/api/core/v1/types.js';
import { startControlPlane, type ControlPlane } from '../../engine/controlplane/instance.js';
import { newForTransport, type Clientset } from '../../engine/client/kubernetes/clientset.js';
import { newSharedInformerFactory, type SharedInformerFactory } from '../../engine/client/informers/factory.js';
import { newBroadcaster, newEventSink, type EventBroadcaster } from '../../engine/client/tools/record/event.js';
import { rfc3339 } from '../../engine/apimachinery/apis/meta/v1/time.js';
import { flushMicrotasks, VirtualClock } from '../../engine/util/clock.js';

export interface Harness {
  clock: VirtualClock;
  cp: ControlPlane;
  cs: Clientset;
  factory: SharedInformerFactory;
  broadcaster: EventBroadcaster;
  signal: AbortSignal;
  /** settle lets in-flight requests, watch streams and workers run (no clock movement). */
  settle(): Promise<void>;
  /** onStep registers work done before each waitFor check (a fake kubelet's tick). */
  onStep(fn: () => Promise<unknown>): void;
  /** waitFor settles and steps the clock by stepMs until cond holds; it throws after maxSteps. */
  waitFor<T>(cond: () => Promise<T | undefined | false> | T | undefined | false, what?: string, stepMs?: number, maxSteps?: number): Promise<T>;
  close(): Promise<void>;
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function newHarness(): Promise<Harness> {
  const clock = new VirtualClock();
  const cp = await startControlPlane({ clock });
  const cs = newForTransport(cp.transport, 'kube-controller-manager/v1.0.0');
  const factory = newSharedInformerFactory(cs, clock);
  const broadcaster = newBroadcaster(clock);
  broadcaster.startRecordingToSink(newEventSink(cs));
  const ctl = new AbortController();
  const steps: (() => Promise<unknown>)[] = [];
  const settle = async () => {
    for (let i = 0; i < 6; i++) {
      await flushMicrotasks(50);
      await macrotask();
    }
  };
  const h: Harness = {
    clock,
    cp,
    cs,
    factory,
    broadcaster,
    signal: ctl.signal,
    settle,
    onStep: (fn) => void steps.push(fn),
    async waitFor(cond, what = 'condition', stepMs = 100, maxSteps = 600) {
      for (let i = 0; ; i++) {
        await settle();
        for (const step of steps) await step();
        if (steps.length) await settle();
        const v = await cond();
        if (v !== undefined && v !== false) return v as never;
        if (i >= maxSteps) throw new Error(`timed out waiting for ${what}`);
        await clock.advance(stepMs);
      }
    },
    async close() {
      ctl.abort();
      broadcaster.shutdown();
      await settle();
      await cp.close();
    },
  };
  return h;
}

export const testPod = (name: string, labels: Record<string, string>): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }] },
});

/** runPod plays scheduler and kubelet: binds the pod to node and reports it Running (Ready or not). */
export async function runPod(cs: Clientset, clock: { now(): number }, ns: string, name: string, opts: { node?: string; ready?: boolean; ip?: string } = {}): Promise<void> {
  const pods = cs.coreV1().pods(ns);
  let pod = await pods.get(name);
  if (!pod.spec?.nodeName) {
    await pods.bind({ apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns }, target: { kind: 'Node', name: opts.node ?? 'node-1' } });
    pod = await pods.get(name);
  }
  const now = rfc3339(clock.now());
  const ready = opts.ready ?? true;
  const status = ready ? 'True' : 'False';
  pod.status = {
    ...pod.status,
    phase: 'Running',
    podIP: opts.ip ?? pod.status?.podIP ?? `10.244.1.${1 + Math.floor(Math.random() * 250)}`,
    hostIP: '192.168.1.101',
    startTime: pod.status?.startTime ?? now,
    conditions: [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      { type: 'Initialized', status: 'True', lastTransitionTime: now },
      { type: 'ContainersReady', status, lastTransitionTime: now },
      { type: 'Ready', status, lastTransitionTime: now },
    ],
  };
  await pods.updateStatus(pod);
}

/** finishDeletions plays the kubelet for pods marked for deletion: it removes them at once. */
export async function finishDeletions(cs: Clientset, ns: string): Promise<number> {
  const list = await cs.coreV1().pods(ns).list();
  let n = 0;
  for (const p of list.items) {
    if (!p.metadata.deletionTimestamp) continue;
    try {
      await cs.coreV1().pods(ns).delete(p.metadata.name!, { gracePeriodSeconds: 0 });
      n++;
    } catch {
      // Already gone.
    }
  }
  return n;
}

/**
 * kubeletTick plays scheduler and kubelet once for a namespace: every pending pod is bound and
 * reported Running and Ready (unless notReady says otherwise), every terminating pod is removed.
 */
export async function kubeletTick(cs: Clientset, clock: { now(): number }, ns: string, notReady: (pod: Pod) => boolean = () => false): Promise<void> {
  await finishDeletions(cs, ns);
  const list = await cs.coreV1().pods(ns).list();
  let ip = 10;
  for (const p of list.items) {
    ip++;
    if (p.metadata.deletionTimestamp) continue;
    const want = !notReady(p);
    const ready = p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    if (p.status?.phase === 'Running' && ready === want) continue;
    try {
      await runPod(cs, clock, ns, p.metadata.name!, { ready: want, ip: p.status?.podIP ?? `10.244.1.${ip}` });
    } catch {
      // Deleted or changed meanwhile: the next tick sees it again.
    }
  }
}
