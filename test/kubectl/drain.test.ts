// cordon, uncordon, taint and drain against the engine's API server (nodes made by hand; a fake
// kubelet finishes evicted pods).
import { describe, it, expect } from 'vitest';
import { flushMicrotasks } from '../../engine/util/clock.js';
import { newRealHarness, type RealHarness } from './real-harness.js';

async function addNode(h: RealHarness, name: string, labels: Record<string, string> = {}) {
  const r = await h.ts.json('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } } });
  expect(r.status).toBe(201);
}

async function addPod(h: RealHarness, name: string, node: string, extra: { owner?: { kind: string; name: string; uid?: string }; emptyDir?: boolean } = {}) {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      labels: { app: name },
      ...(extra.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: extra.owner.kind, name: extra.owner.name, uid: extra.owner.uid ?? 'u-1', controller: true }] } : {}),
    },
    spec: {
      nodeName: node,
      containers: [{ name: 'c', image: 'nginx' }],
      ...(extra.emptyDir ? { volumes: [{ name: 'd', emptyDir: {} }] } : {}),
    },
  };
  const r = await h.ts.json('POST', '/api/v1/namespaces/default/pods', pod);
  expect(r.status).toBe(201);
}

const node = async (h: RealHarness, name: string) => (await h.ts.json('GET', `/api/v1/nodes/${name}`)).body;

describe('kubectl cordon and uncordon', () => {
  it('marks nodes unschedulable and reports what changed', async () => {
    const h = await newRealHarness();
    try {
      await addNode(h, 'node-1');
      await addNode(h, 'node-2', { zone: 'b' });
      expect(await h.kubectl('cordon node-1')).toEqual({ code: 0, stdout: 'node/node-1 cordoned\n', stderr: '' });
      expect((await node(h, 'node-1')).spec.unschedulable).toBe(true);
      expect((await h.kubectl('cordon node-1')).stdout).toBe('node/node-1 already cordoned\n');
      expect((await h.kubectl('uncordon node-1')).stdout).toBe('node/node-1 uncordoned\n');
      expect((await node(h, 'node-1')).spec?.unschedulable).toBeUndefined();
      expect((await h.kubectl('uncordon node-1 node-2')).stdout).toBe('node/node-1 already uncordoned\nnode/node-2 already uncordoned\n');
      expect((await h.kubectl('cordon -l zone=b')).stdout).toBe('node/node-2 cordoned\n');
      expect((await h.kubectl('uncordon node-2 --dry-run=client')).stdout).toBe('node/node-2 uncordoned (dry run)\n');
      expect((await node(h, 'node-2')).spec.unschedulable).toBe(true);
      expect(await h.kubectl('cordon node-1 nope')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): nodes "nope" not found\n' });
      expect((await node(h, 'node-1')).spec?.unschedulable).toBeUndefined();
      expect(await h.kubectl('cordon')).toEqual({ code: 1, stdout: '', stderr: "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n" });
    } finally {
      await h.close();
    }
  });
});

describe('kubectl taint', () => {
  it('adds, overwrites and removes taints with kubectl words', async () => {
    const h = await newRealHarness();
    try {
      await addNode(h, 'node-1');
      await addNode(h, 'node-2');
      const cases: Array<[string, { code: number; stdout: string; stderr: string }]> = [
        ['taint nodes node-1 k=v:NoSchedule', { code: 0, stdout: 'node/node-1 tainted\n', stderr: '' }],
        ['taint nodes node-1 k=v2:NoSchedule', { code: 1, stdout: '', stderr: 'error: node node-1 already has k taint(s) with same effect(s) and --overwrite is false\n' }],
        ['taint nodes node-1 k=v2:NoSchedule --overwrite', { code: 0, stdout: 'node/node-1 modified\n', stderr: '' }],
        ['taint nodes node-1 k:NoSchedule-', { code: 0, stdout: 'node/node-1 untainted\n', stderr: '' }],
        ['taint nodes node-1 k:NoSchedule-', { code: 1, stdout: '', stderr: 'error: taint "k:NoSchedule" not found\n' }],
        ['taint nodes node-1 k=v:Bad', { code: 1, stdout: '', stderr: "error: invalid taint effect: Bad, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n" }],
        ['taint nodes node-1 k', { code: 1, stdout: '', stderr: 'error: at least one taint update is required\n' }],
        ['taint node node-1 a=b:PreferNoSchedule a-', { code: 1, stdout: '', stderr: 'error: can not both modify and remove the following taint(s) in the same command: a=\n' }],
        ['taint pods x a=b:NoSchedule', { code: 1, stdout: '', stderr: 'error: invalid resource type pods, only node types are supported\n' }],
        ['taint nodes --all q=1:NoExecute', { code: 0, stdout: 'node/node-1 tainted\nnode/node-2 tainted\n', stderr: '' }],
        ['taint node node-1 dedicated:NoSchedule -o name', { code: 0, stdout: 'node/node-1\n', stderr: '' }],
        ['taint node node-1 q-', { code: 0, stdout: 'node/node-1 untainted\n', stderr: '' }],
      ];
      for (const [line, want] of cases) expect(await h.kubectl(line), line).toEqual(want);
      expect((await node(h, 'node-1')).spec.taints).toEqual([{ key: 'dedicated', effect: 'NoSchedule' }]);
      expect((await node(h, 'node-2')).spec.taints).toEqual([{ key: 'q', value: '1', effect: 'NoExecute' }]);
      const bad = await h.kubectl('taint node node-1 a=b');
      expect(bad.stderr).toMatch(/^error: invalid taint spec: a=b, name part must consist of alphanumeric characters/);
    } finally {
      await h.close();
    }
  });
});

describe('kubectl drain', () => {
  async function setup() {
    const h = await newRealHarness();
    await addNode(h, 'node-1');
    await addNode(h, 'node-2');
    const ds = await h.ts.json('POST', '/apis/apps/v1/namespaces/default/daemonsets', {
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox' }] } } },
    });
    expect(ds.status).toBe(201);
    await addPod(h, 'agent-x', 'node-2', { owner: { kind: 'DaemonSet', name: 'agent', uid: ds.body.metadata.uid } });
    await addPod(h, 'bare', 'node-2');
    await addPod(h, 'scratch', 'node-2', { owner: { kind: 'ReplicaSet', name: 'rs' }, emptyDir: true });
    await addPod(h, 'web-1', 'node-2', { owner: { kind: 'ReplicaSet', name: 'web' } });
    await addPod(h, 'other', 'node-1');
    return h;
  }

  it('refuses DaemonSet, unmanaged and emptyDir pods without the flags', async () => {
    const h = await setup();
    try {
      const r = await h.kubectl('drain node-2');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('node/node-2 cordoned\n');
      const errs = [
        'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-x',
        'cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare',
        'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch',
      ];
      expect(r.stderr).toBe(`error: unable to drain node "node-2" due to error: [${errs.join(', ')}], continuing command...\nThere are pending nodes to be drained:\n node-2\n${errs.join('\n')}\n`);
      const one = await h.kubectl('drain node-2 --ignore-daemonsets --force');
      expect(one.stdout).toBe('node/node-2 already cordoned\n');
      expect(one.stderr).toBe(`error: unable to drain node "node-2" due to error: ${errs[2]}, continuing command...\nThere are pending nodes to be drained:\n node-2\n${errs[2]}\n`);
      expect((await h.ts.json('GET', '/api/v1/namespaces/default/pods/web-1')).status).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('evicts through pods/eviction and waits for the pods to go', async () => {
    const h = await setup();
    try {
      const run = h.kubectl('drain node-2 --ignore-daemonsets --force --delete-emptydir-data');
      // The fake kubelet: once a pod is marked for deletion, finish it.
      for (let i = 0; i < 20; i++) {
        await flushMicrotasks(50);
        const pods = (await h.ts.json('GET', '/api/v1/pods?fieldSelector=spec.nodeName=node-2')).body.items;
        for (const p of pods) if (p.metadata.deletionTimestamp) await h.ts.json('DELETE', `/api/v1/namespaces/default/pods/${p.metadata.name}`, { gracePeriodSeconds: 0 });
        h.ts.clock.step(1000);
      }
      const r = await run;
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('Warning: ignoring DaemonSet-managed Pods: default/agent-x; deleting Pods that declare no controller: default/bare\n');
      expect(r.stdout).toBe(
        'node/node-2 cordoned\nevicting pod default/bare\nevicting pod default/scratch\nevicting pod default/web-1\npod/bare evicted\npod/scratch evicted\npod/web-1 evicted\nnode/node-2 drained\n',
      );
      const left = (await h.ts.json('GET', '/api/v1/pods')).body.items.map((p: any) => p.metadata.name).sort();
      expect(left).toEqual(['agent-x', 'other']);
    } finally {
      await h.close();
    }
  });

  it('--dry-run=client lists what it would evict and changes nothing', async () => {
    const h = await setup();
    try {
      const r = await h.kubectl('drain node-2 --ignore-daemonsets --force --delete-emptydir-data --dry-run=client');
      expect(r.stdout).toBe('node/node-2 cordoned (dry run)\nevicting pod default/bare (dry run)\nevicting pod default/scratch (dry run)\nevicting pod default/web-1 (dry run)\nnode/node-2 drained (dry run)\n');
      expect((await node(h, 'node-2')).spec?.unschedulable).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});
