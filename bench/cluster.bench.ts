// Benchmark for a whole in-process cluster: time from creating a ReplicationController to all its
// replicas Running and listed in the Endpoints of a Service, for N nodes and M replicas, on a
// VirtualClock driven as fast as possible (wall time, CPU time and virtual time are printed);
// and the heap each node and each pod costs (with --expose-gc).
// Usage: node --expose-gc bin/run-ts.mjs bench/cluster.bench.ts [NODESxREPLICAS …] [--limit=SECONDS] [--batch=MS] [--proxy-mode=MODE]
// Default sizes: 10x100 100x1000, with the components' default flags. The target size, 1000x10000,
// takes minutes and several GB of heap: pass it explicitly, with node --max-old-space-size=12000,
// --batch=1000 (each Endpoints write of 10,000 addresses, and each slice sync over them, batched) and
// --proxy-mode=userspace (in iptables mode every node's kube-proxy programs 30,000 rules).
// The target: 10,000 pods on 1,000 nodes Running in under 20 s of wall time on one core, a pace of
// 500 pods per second; each size prints its time beside the time that pace allows.
// Prints figures measured in one run, with the target beside them; nothing is asserted.
import type { Endpoints, Pod, ReplicationController, Service } from '../engine/api/core/v1/types.js';
import { Cluster } from '../engine/cluster/cluster.js';
import { advanceUntil } from '../engine/client/testing/advance.js';
import { VirtualClock, flushMicrotasks, yieldToHost } from '../engine/util/clock.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const sizes = (args.filter((a) => /^\d+x\d+$/.test(a)).length ? args.filter((a) => /^\d+x\d+$/.test(a)) : ['10x100', '100x1000']).map((s) => s.split('x').map(Number) as [number, number]);
const limitSeconds = Number(args.find((a) => a.startsWith('--limit='))?.slice(8) ?? 300);
/** --batch=MS sets --endpoint-updates-batch-period and --endpointslice-updates-batch-period (default 0, as upstream). */
const batchMs = Number(args.find((a) => a.startsWith('--batch='))?.slice(8) ?? 0);
/** --proxy-mode=iptables|userspace is kube-proxy's --proxy-mode on every node (default iptables). */
const proxyMode = (args.find((a) => a.startsWith('--proxy-mode='))?.slice(13) ?? 'iptables') as 'iptables' | 'userspace';
/** targetPodsPerSecond is the aim's pace: 10,000 pods in 20 s. */
const targetPodsPerSecond = 10_000 / 20;

const heapMB = () => {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

const service: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] } } as Service;
const rc = (replicas: number): ReplicationController =>
  ({
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { app: 'web' },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'kubelab/nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
    },
  }) as ReplicationController;

interface Progress {
  running: number;
  ready: number;
}

/** progress counts Running pods and Endpoints addresses through the API, as a user would see them. */
async function progress(cluster: Cluster): Promise<Progress> {
  const core = cluster.client.coreV1();
  const pods = await core.pods('default').list({ labelSelector: 'app=web' });
  const running = pods.items.filter((p: Pod) => p.status?.phase === 'Running').length;
  const ep = (await core.endpoints('default').get('web').catch(() => undefined)) as Endpoints | undefined;
  const ready = (ep?.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  return { running, ready };
}

async function run(nodes: number, replicas: number): Promise<void> {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const errors = new Map<string, number>();
  const heap0 = heapMB();
  let t = performance.now();
  const cluster = await advanceUntil(
    clock,
    Cluster.start({
      clock,
      nodes,
      seed: 1,
      controllerManager: { endpointUpdatesBatchPeriod: batchMs, endpointSliceUpdatesBatchPeriod: batchMs },
      proxyMode,
      // Room for every replica: pods, cpu and memory well above what the pods ask.
      kubeletFlags: ['--max-pods', String(Math.max(110, Math.ceil((2 * replicas) / nodes))), '--cpu', '64', '--memory', '256Gi'],
      onError: (component, err) => {
        const key = `${component.replace(/@.*/, '')}: ${String(err).slice(0, 120)}`;
        errors.set(key, (errors.get(key) ?? 0) + 1);
      },
    }),
    100,
  );
  const startWall = performance.now() - t;
  const heapNodes = heapMB() - heap0;
  console.log(`${nodes} nodes: cluster up in ${(startWall / 1000).toFixed(1)} s wall; heap ${heapNodes.toFixed(0)} MB, ${((heapNodes * 1024) / nodes).toFixed(0)} KB per node (control plane included)`);

  const core = cluster.client.coreV1();
  await advanceUntil(clock, core.services('default').create(service));
  const heapBefore = heapMB();
  const cpu0 = process.cpuUsage();
  t = performance.now();
  const virtual0 = clock.now();
  await advanceUntil(clock, core.replicationControllers('default').create(rc(replicas)));

  // Drive the clock as fast as possible: small steps, promise jobs in between, a host turn now and
  // then; look at the API every 10 steps (1 s of cluster time).
  let last: Progress = { running: 0, ready: 0 };
  let lastLog = performance.now();
  let done = false;
  for (let i = 0; !done; i++) {
    await clock.advance(100);
    await flushMicrotasks(200);
    if (i % 10 !== 9) continue;
    await yieldToHost();
    last = await progress(cluster);
    done = last.running === replicas && last.ready === replicas;
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      console.log(`  … ${last.running} Running, ${last.ready} in Endpoints after ${((lastLog - t) / 1000).toFixed(0)} s wall, ${((clock.now() - virtual0) / 1000).toFixed(0)} s virtual`);
    }
    if (performance.now() - t > limitSeconds * 1000) break;
  }
  const wall = (performance.now() - t) / 1000;
  const cpu = cpuSeconds(cpu0);
  const virtual = (clock.now() - virtual0) / 1000;
  const heapPods = heapMB() - heapBefore;
  const verdict = done ? 'all' : `stopped at the ${limitSeconds} s limit with ${last.running} Running and ${last.ready} in Endpoints of`;
  console.log(
    `${nodes} nodes × ${replicas} replicas${batchMs ? ` (endpoint batch ${batchMs} ms)` : ''}${proxyMode !== 'iptables' ? ` (kube-proxy ${proxyMode})` : ''}: ${verdict} ${replicas} Running and in Endpoints in ${wall.toFixed(1)} s wall (${cpu.toFixed(1)} s CPU), ${virtual.toFixed(0)} s virtual;` +
      ` ${(replicas / cpu).toFixed(0)} pods per CPU second; heap +${heapPods.toFixed(0)} MB, ${((heapPods * 1024) / Math.max(1, last.running)).toFixed(0)} KB per pod`,
  );
  const target = replicas / targetPodsPerSecond;
  console.log(`  target: ${target.toFixed(1)} s at ${targetPodsPerSecond} pods/s; this run ${(replicas / wall).toFixed(0)} pods/s of wall time, ${(wall / target).toFixed(1)}× the target time (${(cpu / target).toFixed(1)}× in CPU time)`);
  for (const [k, n] of [...errors].slice(0, 5)) console.log(`  component error ×${n}: ${k}`);
  t = performance.now();
  await advanceUntil(clock, cluster.stop(), 100);
  console.log(`  stopped in ${((performance.now() - t) / 1000).toFixed(1)} s wall`);
}

/**
 * runAlone runs one size in a process of its own, so each heap figure starts from an empty heap
 * (what one cluster leaves behind is still being collected when the next one starts).
 */
function runAlone(size: string): Promise<void> {
  const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
  const self = fileURLToPath(import.meta.url);
  const flags = args.filter((a) => a.startsWith('--'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, runTs, self, size, ...flags], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
}

if (sizes.length > 1) for (const [nodes, replicas] of sizes) await runAlone(`${nodes}x${replicas}`);
else for (const [nodes, replicas] of sizes) await run(nodes, replicas);
// Run on its own, leave at once (lingering watches would keep the loop alive); under run-all, return.
if (/cluster\.bench\.[tj]s$/.test(process.argv[1] ?? '')) process.exit(0);
