// Test harness for the controller tests: a control plane on a virtual clock, a clientset and a
// shared informer factory over its in-process transport, an event recorder writing to the API, and
// small stand-ins for the scheduler and the kubelet (bind pods, write pod and node status).
import type { Node, Pod } from '../../engine/api/core/v1/types.js';
import { rfc3339 } from '../../engine/apimachinery/apis/meta/v1/time.js';
import { startControlPlane, type ControlPlane } from '../../engine/controlplane/instance.js';
import type { AdmissionOptions } from '../../engine/apiserver/admission/plugin/plugins.js';
import { newForTransport, type Clientset } from '../../engine/client/kubernetes/clientset.js';
import { newSharedInformerFactory, type SharedInformerFactory } from '../../engine/client/informers/factory.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { EventBroadcaster, newEventSink, type EventRecorder } from '../../engine/client/tools/record/event.js';
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
  /** events lists the reasons and messages recorded about one object. */
  events(namespace: string, name?: string): Promise<{ reason: string; message: string; kind: string; name: string }[]>;
  close(): Promise<void>;
}

export async function newHarness(options: { admission?: AdmissionOptions } = {}): Promise<Harness> {
  const clock = new VirtualClock();
  const cp = await startControlPlane({ clock, admission: options.admission });
  const cs = newForTransport(cp.transport, 'kube-controller-manager/v1.0.0');
  const factory = newSharedInformerFactory(cs, clock);
  const broadcaster = new EventBroadcaster(clock);
  const sink = broadcaster.startRecordingToSink(newEventSink(cs));
  const recorder = broadcaster.newRecorder({ component: 'controller-manager' });
  const ctl = new AbortController();
  const settle = async () => {
    for (let i = 0; i < 6; i++) {
      await flushMicrotasks(100);
      await new Promise((r) => setImmediate(r));
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
    async events(namespace, name) {
      await broadcaster.flush();
      const list = await cs.coreV1().events(namespace).list();
      return list.items
        .filter((e) => !name || e.involvedObject.name === name)
        .map((e) => ({ reason: e.reason ?? '', message: e.message ?? '', kind: e.involvedObject.kind ?? '', name: e.involvedObject.name ?? '' }));
    },
    async close() {
      ctl.abort();
      sink.stop();
      await settle();
      await factory.shutdown();
      await cp.close();
    },
  };
  return h;
}

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
