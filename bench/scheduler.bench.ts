// Benchmark for the scheduler: throughput (pods bound per second of wall time) with N nodes and M
// pending pods, the default profile, in-process against a real API server on a virtual clock.
// Nodes are plain Node objects (no kubelets) so only the scheduler's own work is measured.
// Usage: node --expose-gc bin/run-ts.mjs bench/scheduler.bench.ts [nodes=1000] [pods=10000]
// Prints figures measured in one run, with the target beside them; nothing is asserted.
import type { Node, Pod } from '../engine/api/core/v1/types.js';
import { newForTransport } from '../engine/client/kubernetes/clientset.js';
import { runKubeScheduler } from '../engine/cmd/kube-scheduler.js';
import { startControlPlane } from '../engine/controlplane/instance.js';
import type { Transport } from '../engine/client/transport.js';
import { CycleState } from '../engine/scheduler/framework/cycle-state.js';
import { schedulePod } from '../engine/scheduler/schedule-one.js';
import type { Scheduler } from '../engine/scheduler/scheduler.js';
import { VirtualClock, flushMicrotasks, yieldToHost } from '../engine/util/clock.js';

const [nodeCount, podCount] = (() => {
  const args = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
  return [args[0] ?? 1000, args[1] ?? 10_000];
})();

function node(i: number): Node {
  const capacity = { cpu: '64', memory: '256Gi', pods: '500' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}`, 'kubernetes.io/os': 'linux' } },
    spec: {},
    status: {
      capacity,
      allocatable: capacity,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      addresses: [{ type: 'InternalIP', address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }],
    },
  } as Node;
}

function pod(i: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'kubelab/nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
  } as Pod;
}

/** inBatches runs fn over 0..n-1, `width` requests in flight at a time. */
async function inBatches(n: number, width: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < n; i += width) {
    const wave: Promise<unknown>[] = [];
    for (let j = i; j < Math.min(n, i + width); j++) wave.push(fn(j));
    await Promise.all(wave);
  }
}

const heapMB = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const clock = new VirtualClock(Date.UTC(2026, 0, 1));
const plane = await startControlPlane({ clock });
let bound = 0;
// Count successful bindings at the transport: what the scheduler achieved, as the API server saw it.
const counting: Transport = async (req) => {
  const res = await plane.transport(req);
  if (req.method === 'POST' && req.url.endsWith('/binding') && res.status === 201) bound++;
  return res;
};
const client = newForTransport(plane.transport);
const core = client.coreV1();

const heap0 = heapMB();
let t = performance.now();
await inBatches(nodeCount, 50, (i) => core.nodes().create(node(i + 1)));
const nodesMs = performance.now() - t;
t = performance.now();
await inBatches(podCount, 50, (i) => core.pods('default').create(pod(i)));
const podsMs = performance.now() - t;
const heapObjects = heapMB() - heap0;
console.log(`created ${nodeCount} nodes in ${(nodesMs / 1000).toFixed(1)} s and ${podCount} pending pods in ${(podsMs / 1000).toFixed(1)} s (store + API server heap +${heapObjects.toFixed(0)} MB)`);

const abort = new AbortController();
const startedAt = performance.now();
const cpu0 = process.cpuUsage();
let syncedAt = 0;
let firstBindAt = 0;
let sched: Scheduler | undefined;
const done = runKubeScheduler([], {
  transport: counting,
  clock,
  readFile: async (path) => {
    throw new Error(`open ${path}: no such file or directory`);
  },
  stderr: (s) => process.stderr.write(s),
  signal: abort.signal,
  onScheduler: (s) => {
    sched = s;
    // Informers synced (the queue is fed from the pods informer) once the first pod is queued.
    const queue = s.queue as unknown as { add: (p: Pod) => void };
    const add = queue.add.bind(queue);
    queue.add = (p) => {
      if (!syncedAt) syncedAt = performance.now();
      add(p);
    };
  },
});

// Drive the virtual clock as fast as possible; a little virtual time per step keeps timers moving.
const virtualStart = clock.now();
let lastReport = performance.now();
while (bound < podCount) {
  await clock.advance(10);
  await flushMicrotasks(50);
  if (bound > 0 && !firstBindAt) firstBindAt = performance.now();
  if (performance.now() - lastReport > 5000) {
    lastReport = performance.now();
    console.log(`  … ${bound} bound after ${((lastReport - startedAt) / 1000).toFixed(1)} s`);
    await yieldToHost();
  }
  if (performance.now() - startedAt > 600_000) break;
}
const endAt = performance.now();
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const scheduling = (endAt - (firstBindAt || syncedAt || startedAt)) / 1000;
console.log(`scheduler: informer sync ${(((syncedAt || endAt) - startedAt) / 1000).toFixed(1)} s, then ${bound}/${podCount} pods bound on ${nodeCount} nodes in ${scheduling.toFixed(1)} s wall (${((clock.now() - virtualStart) / 1000).toFixed(1)} s virtual)`);
const targetPodsPerSecond = 1000;
console.log(
  `scheduler throughput: ${(bound / scheduling).toFixed(0)} pods/s of wall time, ${(bound / cpuSeconds).toFixed(0)} pods per CPU second` +
    ` (target ≥ ${targetPodsPerSecond.toLocaleString('en')} pods/s: ${(bound / scheduling / targetPodsPerSecond).toFixed(2)}× of it in wall time, ${(bound / cpuSeconds / targetPodsPerSecond).toFixed(2)}× in CPU time)`,
);

abort.abort();
for (let i = 0; i < 100; i++) await clock.advance(100);
await Promise.race([done, clock.sleep(0)]);

// The scheduling cycle alone (snapshot, filter, score, assume) on the nodes as they now are, with no
// API server, binding or events: what the scheduler's own algorithm costs per pod.
if (sched) {
  const fwk = [...sched.profiles.values()][0]!;
  const cycles = 2000;
  const cycleCpu0 = process.cpuUsage();
  const cycleStart = performance.now();
  for (let i = 0; i < cycles; i++) {
    const p = pod(podCount + i);
    p.metadata = { ...p.metadata, namespace: 'default', uid: `cycle-${i}` };
    const result = schedulePod(sched, fwk, new CycleState(), p);
    sched.cache.assumePod({ ...p, spec: { ...p.spec!, nodeName: result.suggestedHost } });
  }
  const cycleMs = (performance.now() - cycleStart) / cycles;
  const cycleCpu = process.cpuUsage(cycleCpu0);
  console.log(
    `scheduling cycle alone: ${(cycleMs * 1000).toFixed(0)} µs per pod wall, ${((cycleCpu.user + cycleCpu.system) / cycles).toFixed(0)} µs CPU` +
      ` (${(1000 / cycleMs).toFixed(0)} pods/s; the rest of each pod's cost is binding, events and the watches)`,
  );
}
await plane.close();
// Run on its own, leave at once (lingering watches would keep the loop alive); under run-all, return.
if (/scheduler\.bench\.[tj]s$/.test(process.argv[1] ?? '')) process.exit(0);
