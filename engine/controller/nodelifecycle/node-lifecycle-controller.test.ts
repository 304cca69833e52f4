import { describe, it, expect, afterEach } from 'vitest';
import type { Pod, Taint, Toleration } from '../../api/core/v1/types.js';
import { bindPod, createNode, heartbeat, newHarness, newNode, setPodPhase, type Harness } from '../../../test/support/controller-harness.js';
import { newNodeLifecycleController } from './node-lifecycle-controller.js';
import { evictionTime, getMinTolerationTime, toleratesTaint } from './scheduler/taint-manager.js';

let h: Harness;
afterEach(async () => h?.close());

const T0 = Date.parse('2026-01-01T00:00:00Z');
const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' };
const podWith = (tolerations?: Toleration[]): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], tolerations } });

describe('taint manager', () => {
  it.each([
    ['Exists with no key tolerates anything', { operator: 'Exists' as const }, true],
    ['same key, Exists', { key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const }, true],
    ['other key', { key: 'node.kubernetes.io/not-ready', operator: 'Exists' as const }, false],
    ['wrong effect', { key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const, effect: 'NoSchedule' as const }, false],
    ['Equal with value mismatch', { key: 'node.kubernetes.io/unreachable', value: 'x' }, false],
  ])('toleratesTaint: %s', (_n, tol, want) => expect(toleratesTaint(tol, unreachable)).toBe(want));

  it.each([
    ['no tolerations: the default eviction timeout', undefined, T0 + 300_000],
    ['own toleration of 30s', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 30 }], T0 + 30_000],
    ['tolerated forever', [{ operator: 'Exists' as const }], undefined],
  ])('evictionTime: %s', (_n, tols, want) => expect(evictionTime(podWith(tols), [unreachable], 300)).toBe(want));

  it('takes the shortest tolerationSeconds', () => {
    expect(getMinTolerationTime([{ tolerationSeconds: 60 }, { tolerationSeconds: 10 }, {}])).toBe(10_000);
    expect(getMinTolerationTime([{}])).toBe(-1);
  });
});

describe('NodeLifecycleController', () => {
  it('marks a silent node Unknown, taints it, marks its pods not ready and evicts them after the timeout', async () => {
    // Without DefaultTolerationSeconds pods carry no unreachable toleration, so --pod-eviction-timeout decides.
    h = await newHarness({ admission: { disableAdmissionPlugins: ['DefaultTolerationSeconds'] } });
    const nlc = newNodeLifecycleController(h.ctx({ podEvictionTimeout: 60_000 }));
    await h.start();
    await createNode(h.cs, newNode('node-1', h.clock));
    await createNode(h.cs, newNode('node-2', h.clock));
    const pod = await h.cs.coreV1().pods('default').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    await bindPod(h.cs, pod, 'node-1');
    await setPodPhase(h.cs, h.clock, pod, 'Running');
    void nlc.run(1, h.signal);

    // node-2 keeps posting heartbeats; node-1 goes silent.
    for (let s = 0; s < 50; s += 10) {
      await h.advance(10_000);
      await heartbeat(h.cs, 'node-2', h.clock);
    }
    const lost = await h.cs.coreV1().nodes().get('node-1');
    expect(lost.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(lost.spec?.taints?.map((t) => `${t.key}:${t.effect}`).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect((await h.cs.coreV1().nodes().get('node-2')).status?.conditions?.[0]?.status).toBe('True');
    expect((await h.cs.coreV1().pods('default').get('web')).status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');

    await h.advance(30_000);
    expect((await h.cs.coreV1().pods('default').get('web')).metadata.deletionTimestamp).toBeUndefined();
    await h.until(async () => !!(await h.cs.coreV1().pods('default').get('web')).metadata.deletionTimestamp, 1000, 40_000);
    const reasons = (await h.events('default', 'web')).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['NodeNotReady', 'TaintManagerEviction']));

    // The kubelet comes back: Ready again, taints removed.
    await heartbeat(h.cs, 'node-1', h.clock);
    await h.until(async () => ((await h.cs.coreV1().nodes().get('node-1')).spec?.taints ?? []).length === 0, 1000, 20_000);
  });

  it('taints a node the kubelet reports NotReady with not-ready', async () => {
    h = await newHarness();
    const nlc = newNodeLifecycleController(h.ctx());
    await h.start();
    const node = newNode('node-1', h.clock);
    node.status!.conditions![0] = { ...node.status!.conditions![0]!, status: 'False', reason: 'KubeletNotReady' };
    await createNode(h.cs, node);
    void nlc.run(1, h.signal);
    await h.until(async () => ((await h.cs.coreV1().nodes().get('node-1')).spec?.taints ?? []).length === 2, 1000, 20_000);
    expect((await h.cs.coreV1().nodes().get('node-1')).spec?.taints?.every((t) => t.key === 'node.kubernetes.io/not-ready')).toBe(true);
  });

  it('lifts and sets NoSchedule taints as soon as the node changes, not at the next monitor pass', async () => {
    h = await newHarness();
    // A monitor period far longer than the test: only the per-change pass can act.
    const nlc = newNodeLifecycleController(h.ctx({ nodeMonitorPeriod: 600_000 }));
    await h.start();
    const node = newNode('node-1', h.clock);
    node.status!.conditions![0] = { ...node.status!.conditions![0]!, status: 'False', reason: 'KubeletNotReady' };
    await createNode(h.cs, node);
    void nlc.run(1, h.signal);
    const taints = async () => ((await h.cs.coreV1().nodes().get('node-1')).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();
    await h.until(async () => (await taints()).includes('node.kubernetes.io/not-ready:NoSchedule'), 10, 1_000);

    // The kubelet reports Ready: the NoSchedule taint goes at once (the first pass's NoExecute one waits for the monitor).
    await heartbeat(h.cs, 'node-1', h.clock);
    await h.until(async () => !(await taints()).includes('node.kubernetes.io/not-ready:NoSchedule'), 10, 1_000);

    // Cordoning sets spec.unschedulable; the controller adds the matching taint, and uncordoning removes it.
    const cordon = async (on: boolean) => {
      const n = await h.cs.coreV1().nodes().get('node-1');
      await h.cs.coreV1().nodes().update({ ...n, spec: { ...n.spec, unschedulable: on || undefined } });
    };
    await cordon(true);
    await h.until(async () => (await taints()).includes('node.kubernetes.io/unschedulable:NoSchedule'), 10, 1_000);
    // A taint someone else put there stays.
    const n = await h.cs.coreV1().nodes().get('node-1');
    await h.cs.coreV1().nodes().update({ ...n, spec: { ...n.spec, taints: [...(n.spec?.taints ?? []), { key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } });
    await cordon(false);
    await h.until(async () => !(await taints()).includes('node.kubernetes.io/unschedulable:NoSchedule'), 10, 1_000);
    expect(await taints()).toContain('dedicated:NoSchedule');
  });
});
