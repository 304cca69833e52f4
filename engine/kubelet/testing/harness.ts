// Test helper (no upstream twin): an API server on a virtual clock, a dataplane with node machines
// and one kubelet per node, plus helpers to create pods bound to a node, move time and read events.
import type { Event, Pod } from '../../api/core/v1/types.js';
import { startControlPlane, type ControlPlane } from '../../controlplane/instance.js';
import { newForTransport, type Clientset } from '../../client/kubernetes/clientset.js';
import { flushMicrotasks, VirtualClock } from '../../util/clock.js';
import { Network } from '../../net/network.js';
import type { Machine } from '../../net/machine.js';
import { Kubelet, type KubeletOptions } from '../kubelet.js';

export interface KubeletHarness {
  clock: VirtualClock;
  plane: ControlPlane;
  cs: Clientset;
  network: Network;
  machines: Machine[];
  kubelets: Kubelet[];
  settle(): Promise<void>;
  advance(ms: number, step?: number): Promise<void>;
  /** advanceUntil steps until cond holds (or fails after maxMs). */
  advanceUntil(cond: () => Promise<boolean> | boolean, maxMs?: number, step?: number): Promise<number>;
  createPod(pod: Pod, node?: string): Promise<Pod>;
  getPod(name: string, namespace?: string): Promise<Pod>;
  events(objectName?: string): Promise<Event[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  nodes?: string[];
  kubelet?: Partial<KubeletOptions>;
  /** startKubelets false leaves run() to the test. */
  startKubelets?: boolean;
}

export async function startKubeletHarness(opts: HarnessOptions = {}): Promise<KubeletHarness> {
  const clock = new VirtualClock();
  const plane = await startControlPlane({ clock });
  const cs = newForTransport(plane.transport, 'kubelet/v1.32.0');
  const network = new Network({ clock, podNetwork: '10.244.0.0/16' });
  const names = opts.nodes ?? ['node-1'];
  const machines = names.map((name, i) => network.addMachine({ name, ip: `192.168.1.${101 + i}/24` }));
  const kubelets = machines.map((machine) => new Kubelet({ client: cs, clock, machine, ...(opts.kubelet ?? {}) }));
  const ctl = new AbortController();
  const runs: Promise<void>[] = [];
  const settle = async () => {
    for (let i = 0; i < 6; i++) {
      await flushMicrotasks(50);
      await network.settle();
      await flushMicrotasks(50);
    }
  };
  const advance = async (ms: number, step = 500) => {
    for (let t = 0; t < ms; t += step) {
      await clock.advance(Math.min(step, ms - t));
      await settle();
    }
  };
  if (opts.startKubelets ?? true) {
    for (const k of kubelets) runs.push(k.run(ctl.signal));
    await settle();
    await advance(1000, 100);
  }
  return {
    clock, plane, cs, network, machines, kubelets, settle, advance,
    async advanceUntil(cond, maxMs = 120_000, step = 500) {
      const start = clock.now();
      while (!(await cond())) {
        if (clock.now() - start > maxMs) throw new Error(`condition not met after ${maxMs}ms`);
        await advance(step, step);
      }
      return clock.now() - start;
    },
    async createPod(pod, node = names[0]) {
      const body: Pod = { apiVersion: 'v1', kind: 'Pod', ...pod, spec: { ...pod.spec!, nodeName: pod.spec?.nodeName ?? node } };
      const created = await cs.coreV1().pods(pod.metadata.namespace ?? 'default').create(body);
      await settle();
      return created;
    },
    getPod: (name, namespace = 'default') => cs.coreV1().pods(namespace).get(name),
    async events(objectName) {
      await Promise.all(kubelets.map((k) => k.broadcaster.flush()));
      const list = (await cs.coreV1().events('').list()).items;
      return objectName ? list.filter((e) => e.involvedObject.name === objectName) : list;
    },
    async close() {
      ctl.abort();
      await settle();
      await Promise.all(runs);
      await plane.close();
    },
  };
}

/** podSpec builds a minimal pod. */
export function newPod(name: string, spec: Partial<NonNullable<Pod['spec']>> & { containers: NonNullable<Pod['spec']>['containers'] }, labels: Record<string, string> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec };
}
