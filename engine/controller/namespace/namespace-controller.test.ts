import { describe, it, expect, afterEach } from 'vitest';
import { newHarness, finishDeletions, runPod, testPod, type Harness } from '../../../test/support/controller-harness.js';
import { newNamespaceController } from './namespace-controller.js';

let h: Harness;
afterEach(async () => h?.close());

describe('NamespaceController', () => {
  it('empties a Terminating namespace, waiting for graceful pod deletion, then finalizes it', async () => {
    h = await newHarness();
    const nc = newNamespaceController(h.cs, h.factory.core().v1().namespaces(), h.clock);
    h.factory.start(h.signal);
    void nc.run(2, h.signal);
    await h.cs.coreV1().namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab' } });
    await h.cs.coreV1().configMaps('lab').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'lab' }, data: { a: '1' } });
    await h.cs.appsV1().deployments('lab').create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'lab' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    await h.cs.coreV1().pods('lab').create(testPod('running', { app: 'x' }));
    await runPod(h.cs, h.clock, 'lab', 'running');
    await h.cs.coreV1().namespaces().delete('lab');
    expect((await h.cs.coreV1().namespaces().get('lab')).status?.phase).toBe('Terminating');
    // Content other than the gracefully terminating pod goes at once; the namespace waits.
    await h.waitFor(async () => (await h.cs.coreV1().configMaps('lab').list()).items.length === 0 && (await h.cs.appsV1().deployments('lab').list()).items.length === 0, 'content deleted');
    const pod = await h.cs.coreV1().pods('lab').get('running');
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    expect((await h.cs.coreV1().namespaces().get('lab')).spec?.finalizers).toEqual(['kubernetes']);
    await finishDeletions(h.cs, 'lab'); // the kubelet finishes the pod
    await h.waitFor(() => h.cs.coreV1().namespaces().get('lab').then(() => false, () => true), 'namespace gone', 1000, 60);
  });
});
