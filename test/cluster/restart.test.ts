// A cluster restarted from the same store, as a reloaded lab is: nothing was shut down cleanly, so
// the previous life's leader lock is still fresh and its pods' status is stale. The controller
// manager (the same machine, so the same identity) leads at once, every node is Ready within a short
// virtual time, the pods run again under their names, and cluster DNS answers soon after.
import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment } from '../../engine/api/apps/v1/types.js';
import type { Pod } from '../../engine/api/core/v1/types.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import type { ClusterProgress } from '../../engine/cluster/boot-progress.js';
import { Cluster } from '../../engine/cluster/cluster.js';
import { MemoryLogStorage } from '../../engine/etcd/wal/memory-storage.js';
import { VirtualClock } from '../../engine/util/clock.js';

const LEADER = 'control-plane.alpha.kubernetes.io/leader';

async function until(clock: VirtualClock, what: () => Promise<boolean>, stepMs = 50, maxSteps = 400): Promise<void> {
  for (let i = 0; i < maxSteps; i++) {
    if (await what()) return;
    await clock.advance(stepMs);
  }
  throw new Error('condition not met in time');
}

function deployment(name: string, replicas: number): Deployment {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image: 'nginx' }] } } },
  };
}

const running = (pods: Pod[]) => pods.every((p) => p.status?.phase === 'Running' && p.status.containerStatuses?.every((c) => c.ready));

/** copyOf is what a reload finds: the log as durable at that moment; the old cluster writes on elsewhere. */
async function copyOf(storage: MemoryLogStorage): Promise<MemoryLogStorage> {
  const { snapshot, log } = await storage.load();
  const copy = new MemoryLogStorage();
  copy.snapshot = snapshot;
  copy.setLog(log);
  return copy;
}

describe('a cluster restarted from its store', () => {
  const stops: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it('leads, has 3 Ready nodes and runs its pods again without waiting out the old lease', async () => {
    const first = { clock: new VirtualClock(Date.UTC(2026, 0, 1)), storage: new MemoryLogStorage() };
    const old = await advanceUntil(first.clock, Cluster.start({ clock: first.clock, persistence: first.storage }), 25);
    stops.push(() => advanceUntil(first.clock, old.stop()));
    await old.client.appsV1().deployments('default').create(deployment('web', 3));
    const oldPods = () => old.client.coreV1().pods('default').list();
    await until(first.clock, async () => (await oldPods()).items.length === 3 && running((await oldPods()).items));
    await first.clock.advance(3_000); // the lock was renewed a moment ago: its lease has 15 s to run
    const before = (await oldPods()).items;
    const oldLock = JSON.parse((await old.client.coreV1().configMaps('kube-system').get('kube-controller-manager')).metadata.annotations![LEADER]!);
    const storage = await copyOf(first.storage);

    // The page reloads a second later: a new clock, the same store.
    const clock = new VirtualClock(first.clock.now() + 1_000);
    const t0 = clock.now();
    const steps: (ClusterProgress & { at: number })[] = [];
    const cluster = await advanceUntil(clock, Cluster.start({ clock, persistence: storage, ready: 'nodes', onProgress: (p) => steps.push({ ...p, at: clock.now() - t0 }) }), 25);
    stops.unshift(() => advanceUntil(clock, cluster.stop()));
    const startedIn = clock.now() - t0;
    expect(startedIn).toBeLessThan(1_000);

    expect(steps.find((s) => s.step === 'storage' && s.state === 'done')?.detail).toMatch(/^replayed \d+ log records$/);
    for (const node of ['node-1', 'node-2', 'node-3']) expect(steps.find((s) => s.step === node && s.state === 'done')?.at).toBeLessThanOrEqual(startedIn);
    const nodes = await cluster.client.coreV1().nodes().list();
    expect(nodes.items.map((n) => `${n.metadata.name} ${n.status?.conditions?.find((c) => c.type === 'Ready')?.status}`)).toEqual(['node-1 True', 'node-2 True', 'node-3 True']);

    // The same machine's controller manager renews its own record: no 15 s wait, no new transition.
    const controllers = steps.find((s) => s.step === 'controllers' && s.state === 'done');
    expect(controllers).toMatchObject({ detail: 'leading' });
    expect(controllers!.at).toBeLessThan(1_000);
    const kubeSystem = await cluster.client.coreV1().namespaces().get('kube-system');
    const lock = JSON.parse((await cluster.client.coreV1().configMaps('kube-system').get('kube-controller-manager')).metadata.annotations![LEADER]!);
    expect(lock).toMatchObject({ holderIdentity: `master_${kubeSystem.metadata.uid}`, acquireTime: oldLock.acquireTime, leaderTransitions: oldLock.leaderTransitions });
    expect(Date.parse(lock.renewTime)).toBeGreaterThanOrEqual(Math.floor(t0 / 1000) * 1000);

    // The kubelets find no sandboxes, start new ones, and the pods run again under their names.
    const pods = () => cluster.client.coreV1().pods('default').list();
    await until(clock, async () => running((await pods()).items) && (await pods()).items.every((p) => Number(p.metadata.resourceVersion) > cluster.plane.recovery.revision));
    expect(clock.now() - t0).toBeLessThan(3_000);
    const after = (await pods()).items;
    expect(after.map((p) => p.metadata.name).sort()).toEqual(before.map((p) => p.metadata.name).sort());
    const containerIDs = (ps: Pod[]) => ps.flatMap((p) => p.status?.containerStatuses?.map((c) => c.containerID) ?? []);
    expect(containerIDs(after).some((id) => containerIDs(before).includes(id))).toBe(false);

    // DNS comes up right after the nodes, on the steps' watch.
    await until(clock, async () => steps.some((s) => s.step === 'dns' && s.state !== 'active'));
    expect(steps.find((s) => s.step === 'dns' && s.state !== 'active')).toMatchObject({ state: 'done', detail: 'kube-dns 10.254.0.10' });
    expect(steps.find((s) => s.step === 'dns' && s.state === 'done')!.at).toBeLessThan(3_000);
  });
});
