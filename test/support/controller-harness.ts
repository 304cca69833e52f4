// Test harness (no upstream twin; plays the role of test/integration/framework): an in-process
// control plane on a VirtualClock, a clientset and shared informer factory over its transport, an
// event recorder writing to the API, and the scheduler and kubelet played by hand — bind pods,
// write pod and node status, finish deletions.
import type { Node, Pod } from '../../engine/api/core/v1/types.js';
import { rfc3339 } from '../../engine/apimachinery/apis/meta/v1/time.js';
import { startControlPlane, type ControlPlane } from '../../engine/controlplane/instance.js';
import type { AdmissionOptions } from '../../engine/apiserver/admission/plugin/plugins.js';
import { newForTransport, type Clientset } from '../../engine/client/kubernetes/clientset.js';
import { newSharedInformerFactory, type SharedInformerFactory } from '../../engine/client/informers/factory.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { newBroadcaster, newEventSink, type EventBroadcaster, type EventRecorder } from '../../engine/client/tools/record/event.js';
import { flushMicrotasks, VirtualClock } from '../../engine/util/clock.js';
import type { ControllerContext } from '../../engine/controller/controller-context.js';

export interface Harness {
  clock: VirtualClock;
  cp: ControlPlane;
  cs: Clientset;
  factory: SharedInformerFactory;
  recorder: EventRecorder;
  broadcaster: EventBroadcaster;
  signal: AbortSignal;
  ctx<O>(options?: Partial<O>): ControllerContext<O>;
  /** start runs the informers requested so far and waits for their caches. */
  start(): Promise<void>;
  /** settle lets in-flight requests, watch streams and workers run without moving the clock. */
  settle(): Promise<void>;
  /** advance moves the clock by ms in steps, settling after each. */
  advance(ms: number, stepMs?: number): Promise<void>;
  /** until advances the clock stepMs at a time until cond holds (throws after maxMs). */
  until(cond: () => boolean | Promise<boolean>, stepMs?: number, maxMs?: number): Promise<void>;
  /** onStep registers work done before each waitFor check (a fake kubelet's tick). */
  onStep(fn: () => Promise<unknown>): void;
  /** waitFor settles and steps the clock by stepMs until cond holds; it throws after maxSteps. */
  waitFor<T>(cond: () => Promise<T | undefined | false> | T | undefined | false, what?: string, stepMs?: number, maxSteps?: number): Promise<T>;
  /** events lists the reasons and messages recorded about one object. */
  events(namespace: string, name?: string): Promise<{ reason: string; message: string; kind: string; name: string }[]>;
  close(): Promise<void>;
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function newHarness(options: { admission?: AdmissionOptions } = {}): Promise<Harness> {
  const clock = new VirtualClock();
  const cp = await startControlPlane({ clock, admission: options.admission });
  const cs = newForTransport(cp.transport, 'kube-controller-manager/v1.0.0');
  const factory = newSharedInformerFactory(cs, clock);
  const broadcaster = newBroadcaster(clock);
  broadcaster.startRecordingToSink(newEventSink(cs));
  const recorder = broadcaster.newRecorder({ component: 'controller-manager' });
  const ctl = new AbortController();
  const steps: (() => Promise<unknown>)[] = [];
  const settle = async () => {
    for (let i = 0; i < 6; i++) {
      await flushMicrotasks(100);
      await macrotask();
    }
  };
  const h: Harness = {
    clock,
    cp,
    cs,
    factory,
    recorder,
    broadcaster,
    signal: ctl.signal,
    ctx: (options) => ({ clientset: cs, informerFactory: factory, clock, recorder, options }),
    async start() {
      factory.start(ctl.signal);
      await advanceUntil(clock, factory.waitForCacheSync(ctl.signal));
      await settle();
    },
    settle,
    async advance(ms, stepMs = 1000) {
      for (let done = 0; done < ms; done += stepMs) {
        await clock.advance(Math.min(stepMs, ms - done));
        await settle();
      }
    },
    async until(cond, stepMs = 500, maxMs = 120_000) {
      for (let waited = 0; ; waited += stepMs) {
        await settle();
        if (await cond()) return;
        if (waited >= maxMs) throw new Error(`condition not met after ${maxMs / 1000}s of clock time`);
        await clock.advance(stepMs);
      }
    },
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
    async events(namespace, name) {
      await broadcaster.flush();
      const list = await cs.coreV1().events(namespace).list();
      return list.items
        .filter((e) => !name || e.involvedObject.name === name)
        .map((e) => ({ reason: e.reason ?? '', message: e.message ?? '', kind: e.involvedObject.kind ?? '', name: e.involvedObject.name ?? '' }));
    },
    async close() {
      ctl.abort();
      broadcaster.shutdown();
      await settle();
      await factory.shutdown();
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

/** newNode builds a Ready node with capacity, labels and taints. */
export function newNode(name: string, clock: VirtualClock, labels: Record<string, string> = {}, taints: NonNullable<Node['spec']>['taints'] = []): Node {
  const t = rfc3339(clock.now());
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: taints.length ? { taints } : {},
    status: {
      capacity: { cpu: '2', memory: '4Gi', pods: '110' },
      allocatable: { cpu: '2', memory: '4Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: t, lastTransitionTime: t }],
    },
  };
}

/** createNode creates a node and writes its status the way a kubelet registers. */
export async function createNode(cs: Clientset, node: Node): Promise<Node> {
  const created = await cs.coreV1().nodes().create(node);
  return cs.coreV1().nodes().updateStatus({ ...created, status: node.status });
}

/** heartbeat plays the kubelet's status update: Ready True with a fresh lastHeartbeatTime. */
export async function heartbeat(cs: Clientset, name: string, clock: VirtualClock): Promise<void> {
  const node = await cs.coreV1().nodes().get(name);
  const t = rfc3339(clock.now());
  const conds = (node.status?.conditions ?? []).filter((c) => c.type !== 'Ready');
  const old = node.status?.conditions?.find((c) => c.type === 'Ready');
  conds.push({ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: t, lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : t });
  await cs.coreV1().nodes().updateStatus({ ...node, status: { ...node.status, conditions: conds } });
}

/** bindPod plays the scheduler. */
export async function bindPod(cs: Clientset, pod: Pod, nodeName: string): Promise<void> {
  await cs.coreV1().pods(pod.metadata.namespace ?? 'default').bind({ apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace }, target: { kind: 'Node', name: nodeName } });
}

/** setPodPhase plays the kubelet: writes phase and the Ready condition. */
export async function setPodPhase(cs: Clientset, clock: VirtualClock, pod: Pod, phase: NonNullable<Pod['status']>['phase'], ready = phase === 'Running', exitCode?: number): Promise<Pod> {
  const ns = pod.metadata.namespace ?? 'default';
  const fresh = await cs.coreV1().pods(ns).get(pod.metadata.name!);
  const t = rfc3339(clock.now());
  const status: Pod['status'] = {
    ...fresh.status,
    phase,
    conditions: [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: t },
      { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: t },
    ],
    startTime: fresh.status?.startTime ?? t,
  };
  if (exitCode !== undefined) {
    status.containerStatuses = (fresh.spec?.containers ?? []).map((c) => ({ name: c.name, ready: false, restartCount: 0, image: c.image ?? '', imageID: '', state: { terminated: { exitCode, reason: exitCode ? 'Error' : 'Completed', finishedAt: t } } }));
  }
  return cs.coreV1().pods(ns).updateStatus({ ...fresh, status });
}

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
