// Static pods on an in-process cluster (virtual clock): a manifest in the node's --pod-manifest-path
// runs without the scheduler, shows up as a mirror pod <name>-<node>, survives the mirror's deletion
// (it is recreated, the containers keep running) and stops when the manifest is removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/api/core/v1/types.js';
import type { Kubelet } from '../../engine/kubelet/kubelet.js';
import { Scenario } from '../scenarios/harness.js';

const dir = '/etc/kubernetes/manifests';
const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: static-web
  labels: {role: static}
spec:
  containers:
  - name: web
    image: nginx:1.7.9
    ports: [{containerPort: 80}]
`;

describe('static pods', () => {
  let s: Scenario;
  let kubelet: Kubelet;
  const mirror = async (): Promise<Pod | undefined> => (await s.pods('default')).find((p) => p.metadata.name === 'static-web-node-1');
  const running = () => kubelet.runtime.listContainers({ state: 'CONTAINER_RUNNING' }).filter((c) => c.metadata.name === 'web');

  beforeAll(async () => {
    s = await Scenario.start({ nodes: 1, kubeletFlags: ['--pod-manifest-path', dir, '--file-check-frequency', '5s'] });
    kubelet = s.cluster.nodes.get('node-1')!.kubelet!;
  }, 60_000);
  afterAll(async () => s?.stop());

  it('runs a manifest and mirrors it in the API server', async () => {
    kubelet.hostFs.mkdir(dir, { recursive: true });
    kubelet.hostFs.writeFile(`${dir}/web.yaml`, manifest);
    kubelet.hostFs.writeFile(`${dir}/.hidden.yaml`, manifest.replace('static-web', 'hidden'));
    kubelet.hostFs.writeFile(`${dir}/broken.yaml`, 'kind: Service\n');
    await s.waitFor('mirror pod Running', async () => (await mirror())?.status?.phase === 'Running');
    const m = (await mirror())!;
    const hash = m.metadata.annotations!['kubernetes.io/config.hash']!;
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(m.metadata.annotations).toMatchObject({ 'kubernetes.io/config.mirror': hash, 'kubernetes.io/config.source': 'file' });
    expect(m.metadata.uid).not.toBe(hash);
    expect(m.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: (await s.client.coreV1().nodes().get('node-1')).metadata.uid, controller: true }]);
    expect(m.spec!.nodeName).toBe('node-1');
    expect(m.spec!.tolerations).toContainEqual({ operator: 'Exists', effect: 'NoExecute' });
    expect(m.status!.containerStatuses?.[0]?.ready).toBe(true);
    expect((await s.pods('default')).map((p) => p.metadata.name)).toEqual(['static-web-node-1']);
    expect(s.errors.join('\n')).toContain(`could not process manifest file "${dir}/broken.yaml": invalid pod: kind "Service" is not "Pod"`);
  });

  it('recreates a deleted mirror pod without restarting the static pod', async () => {
    const before = (await mirror())!;
    const [container] = running();
    await s.client.coreV1().pods('default').delete('static-web-node-1');
    await s.waitFor('a new mirror pod', async () => {
      const m = await mirror();
      return !!m && m.metadata.uid !== before.metadata.uid && m.status?.phase === 'Running';
    });
    expect(running().map((c) => c.id)).toEqual([container!.id]);
  });

  it('stops the pod and deletes its mirror when the manifest goes away', async () => {
    kubelet.hostFs.rm(`${dir}/web.yaml`);
    await s.waitFor('mirror pod gone', async () => !(await mirror()));
    await s.waitFor('container stopped', () => running().length === 0);
  });
});
