import { describe, it, expect, afterEach } from 'vitest';
import type { DaemonSet } from '../../api/apps/v1/types.js';
import type { Node } from '../../api/core/v1/types.js';
import { VirtualClock } from '../../util/clock.js';
import { bindPod, createNode, newHarness, newNode, setPodPhase, type Harness } from '../../../test/support/controller-harness.js';
import { newDaemonSetsController } from './daemon-controller.js';
import { getTargetNodeName, nodeShouldRunDaemonPod } from './util/daemonset-util.js';

let h: Harness;
afterEach(async () => h?.close());

const ds = (name: string, extra: Partial<NonNullable<DaemonSet['spec']>['template']['spec']> = {}): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'kube-system', uid: 'u1' },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image: 'fluentd:1' }], ...extra } } },
});

describe('nodeShouldRunDaemonPod', () => {
  const clock = new VirtualClock();
  const node = (labels: Record<string, string>, taints: NonNullable<Node['spec']>['taints'] = []) => newNode('n1', clock, labels, taints);
  it.each([
    ['plain node', node({}), ds('a'), true, true],
    ['nodeSelector matches', node({ disk: 'ssd' }), ds('a', { nodeSelector: { disk: 'ssd' } }), true, true],
    ['nodeSelector does not match', node({}), ds('a', { nodeSelector: { disk: 'ssd' } }), false, false],
    [
      'required affinity NotIn',
      node({ zone: 'b' }),
      ds('a', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['b'] }] }] } } } }),
      false,
      false,
    ],
    ['untolerated NoSchedule taint', node({}, [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }]), ds('a'), false, true],
    ['untolerated NoExecute taint', node({}, [{ key: 'dedicated', value: 'infra', effect: 'NoExecute' }]), ds('a'), false, false],
    ['tolerated taint', node({}, [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }]), ds('a', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' }] }), true, true],
    ['unreachable node: default toleration', node({}, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]), ds('a'), true, true],
    ['unschedulable node: default toleration', node({}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]), ds('a'), true, true],
  ])('%s', (_n, n, d, shouldRun, shouldContinueRunning) => expect(nodeShouldRunDaemonPod(n, d)).toEqual({ shouldRun, shouldContinueRunning }));
});

describe('DaemonSetsController', () => {
  async function setup() {
    h = await newHarness();
    const c = newDaemonSetsController(h.ctx());
    await h.start();
    await createNode(h.cs, newNode('node-1', h.clock));
    await createNode(h.cs, newNode('node-2', h.clock));
    await createNode(h.cs, newNode('node-3', h.clock, {}, [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }]));
    void c.run(1, h.signal);
  }
  const pods = async () => (await h.cs.coreV1().pods('kube-system').list()).items.filter((p) => !p.metadata.deletionTimestamp);
  const status = async () => (await h.cs.appsV1().daemonSets('kube-system').get('agent')).status;

  it('runs one pod per eligible node, pinned by node affinity, and counts them', async () => {
    await setup();
    await h.cs.appsV1().daemonSets('kube-system').create(ds('agent'));
    await h.until(async () => (await pods()).length === 2);
    const list = await pods();
    expect(list.map(getTargetNodeName).sort()).toEqual(['node-1', 'node-2']);
    expect(list[0]!.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: [getTargetNodeName(list[0]!)] }] },
    ]);
    expect(list[0]!.spec?.tolerations?.map((t) => t.key)).toContain('node.kubernetes.io/unreachable');
    await h.until(async () => (await status())?.desiredNumberScheduled === 2);
    expect(await status()).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 0, numberMisscheduled: 0, updatedNumberScheduled: 2, numberUnavailable: 2 });

    for (const p of list) {
      await bindPod(h.cs, p, getTargetNodeName(p)!);
      await setPodPhase(h.cs, h.clock, p, 'Running');
    }
    await h.until(async () => (await status())?.numberReady === 2);
    expect((await status())?.numberAvailable).toBe(2);

    // A new node gets its pod.
    await createNode(h.cs, newNode('node-4', h.clock));
    await h.until(async () => (await pods()).length === 3);
    await h.until(async () => (await status())?.desiredNumberScheduled === 3);
  });

  it('rolls out a new template one node at a time (maxUnavailable 1)', async () => {
    await setup();
    await h.cs.appsV1().daemonSets('kube-system').create(ds('agent'));
    await h.until(async () => (await pods()).length === 2);
    const ready = async () => {
      for (const p of await pods()) if (p.status?.phase !== 'Running') await setPodPhase(h.cs, h.clock, p, 'Running');
    };
    await ready();
    await h.until(async () => (await status())?.numberReady === 2);
    const cur = await h.cs.appsV1().daemonSets('kube-system').get('agent');
    const template = structuredClone(cur.spec!.template);
    template.spec!.containers[0]!.image = 'fluentd:2';
    await h.cs.appsV1().daemonSets('kube-system').update({ ...cur, spec: { ...cur.spec!, template } });
    const images = async () => (await pods()).map((p) => p.spec?.containers[0]?.image).sort();
    await h.until(async () => (await images()).includes('fluentd:2'));
    await h.advance(3_000);
    // One old pod replaced; the other waits until the new one is available.
    expect(await images()).toEqual(['fluentd:1', 'fluentd:2']);
    await ready();
    await h.until(async () => (await images()).every((i) => i === 'fluentd:2') && (await pods()).length === 2);
    await ready();
    await h.until(async () => (await status())?.updatedNumberScheduled === 2 && (await status())?.numberReady === 2);
  });
});
