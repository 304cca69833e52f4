// Test harness: an API server on a virtual clock, a clientset over its in-process transport, and a
// scheduler fed by shared informers — nodes are written by hand (no kubelet).
import type { Event, Node, Pod } from '../../engine/api/core/v1/types.js';
import { startControlPlane, type ControlPlane } from '../../engine/controlplane/instance.js';
import { newForTransport, type Clientset } from '../../engine/client/kubernetes/clientset.js';
import { newSharedInformerFactory, type SharedInformerFactory } from '../../engine/client/informers/factory.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { flushMicrotasks, VirtualClock } from '../../engine/util/clock.js';
import { newScheduler, type Scheduler, type SchedulerOptions } from '../../engine/scheduler/scheduler.js';

export interface Harness {
  clock: VirtualClock;
  plane: ControlPlane;
  cs: Clientset;
  factory: SharedInformerFactory;
  sched: Scheduler;
  settle(): Promise<void>;
  /** advance moves the clock in small steps, settling in between. */
  advance(ms: number, step?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(opts: Partial<SchedulerOptions> = {}): Promise<Harness> {
  const clock = new VirtualClock();
  const plane = await startControlPlane({ clock });
  const cs = newForTransport(plane.transport, 'kube-scheduler/v1.32.0');
  const factory = newSharedInformerFactory(cs, clock);
  const sched = newScheduler({ client: cs, informerFactory: factory, clock, rand: () => 0.99, ...opts });
  const ctl = new AbortController();
  factory.start(ctl.signal);
  await advanceUntil(clock, factory.waitForCacheSync(ctl.signal));
  const running = sched.run(ctl.signal);
  const settle = async () => {
    for (let i = 0; i < 8; i++) {
      await flushMicrotasks(100);
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all([...sched.bindings]);
    await sched.broadcaster.flush();
  };
  await settle();
  return {
    clock,
    plane,
    cs,
    factory,
    sched,
    settle,
    async advance(ms, step = 500) {
      for (let t = 0; t < ms; t += step) {
        await clock.advance(Math.min(step, ms - t));
        await settle();
      }
    },
    async close() {
      ctl.abort();
      await settle();
      await running;
      await factory.shutdown();
      await plane.close();
    },
  };
}

export function node(name: string, cpu = '2', memory = '4Gi', extra: { labels?: Record<string, string>; taints?: NonNullable<Node['spec']>['taints']; unschedulable?: boolean; pods?: string } = {}): Node {
  const resources = { cpu, memory, pods: extra.pods ?? '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(extra.labels ?? {}) } },
    spec: { ...(extra.taints ? { taints: extra.taints } : {}), ...(extra.unschedulable ? { unschedulable: true } : {}) },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
    },
  };
}

export function pod(name: string, requests: Record<string, string> = {}, spec: Partial<NonNullable<Pod['spec']>> = {}, labels: Record<string, string> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27', ...(Object.keys(requests).length ? { resources: { requests } } : {}) }], ...spec },
  };
}

export async function eventsFor(cs: Clientset, podName: string): Promise<Event[]> {
  const list = await cs.coreV1().events('default').list();
  return list.items.filter((e) => e.involvedObject.name === podName);
}

export async function nodeOf(cs: Clientset, podName: string): Promise<string | undefined> {
  return (await cs.coreV1().pods('default').get(podName)).spec?.nodeName;
}
