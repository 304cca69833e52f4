import { describe, it, expect, afterEach } from 'vitest';
import type { Pod } from '../../engine/api/core/v1/types.js';
import { allResources } from '../../engine/apiserver/registry/all-resources.js';
import { newTestServer, type TestServer } from '../../engine/apiserver/testing/test-server.js';
import { selectorFromSet } from '../../engine/apimachinery/labels/selector.js';
import { isAlreadyExists } from '../../engine/apimachinery/api/errors/errors.js';
import { flushMicrotasks } from '../../engine/util/clock.js';
import { newForTransport } from '../../engine/client/kubernetes/clientset.js';
import { newSharedInformerFactory } from '../../engine/client/informers/factory.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { newBroadcaster, newEventSink } from '../../engine/client/tools/record/event.js';
import { newLeaderElector } from '../../engine/client/tools/leaderelection/leader-election.js';
import { newLock } from '../../engine/client/tools/leaderelection/resourcelock/configmap-lock.js';

let t: TestServer;
afterEach(async () => t?.close());

const pod = (name: string, app: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app } },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
});

async function setup() {
  t = await newTestServer(allResources());
  const cs = newForTransport(t.server.handler, 'kube-controller-manager/v1.0.0');
  for (const ns of ['default', 'kube-system']) await cs.coreV1().namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  return cs;
}

/** settle lets the in-process server's streams and the informer's reads run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await flushMicrotasks(200);
    await new Promise((r) => setImmediate(r));
  }
};

describe('client-go against the in-process API server', () => {
  it('an informer lists, watches and keeps its lister in step', async () => {
    const cs = await setup();
    await cs.coreV1().pods('default').create(pod('before', 'web'));
    const factory = newSharedInformerFactory(cs, t.clock);
    const pods = factory.core().v1().pods();
    const seen: string[] = [];
    pods.informer().addEventHandler({
      onAdd: (p) => seen.push(`add ${p.metadata.name}`),
      onUpdate: (o, n) => o.metadata.resourceVersion !== n.metadata.resourceVersion && seen.push(`update ${n.metadata.name} node=${n.spec?.nodeName ?? ''}`),
      onDelete: (p) => seen.push(`delete ${'metadata' in p ? p.metadata.name : p.key}`),
    });
    const ctl = new AbortController();
    factory.start(ctl.signal);
    const synced = await advanceUntil(t.clock, factory.waitForCacheSync(ctl.signal));
    expect([...synced.values()]).toEqual([true]);

    await cs.coreV1().pods('default').create(pod('after', 'db'));
    await cs.coreV1().pods('default').bind({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'after', namespace: 'default' }, target: { kind: 'Node', name: 'node-1' } });
    await cs.coreV1().pods('default').delete('before', { gracePeriodSeconds: 0 });
    await settle();

    expect(seen).toEqual(['add before', 'add after', 'update after node=node-1', 'delete before']);
    expect(pods.lister().list(selectorFromSet({ app: 'db' })).map((p) => p.spec?.nodeName)).toEqual(['node-1']);
    expect(pods.informer().lastSyncResourceVersion()).not.toBe('');
    await factory.shutdown();
  });

  it('records events and elects a leader through the real API', async () => {
    const cs = await setup();
    const broadcaster = newBroadcaster(t.clock);
    broadcaster.startRecordingToSink(newEventSink(cs));
    const recorder = broadcaster.newRecorder({ component: 'kube-controller-manager' });

    const started: string[] = [];
    const lock = newLock('configmaps', 'kube-system', 'kube-controller-manager', cs, { identity: 'master-1', eventRecorder: recorder });
    const elector = newLeaderElector({
      lock,
      clock: t.clock,
      leaseDuration: 15_000,
      renewDeadline: 10_000,
      retryPeriod: 2_000,
      callbacks: { onStartedLeading: () => started.push('master-1'), onStoppedLeading: () => undefined },
    });
    const ctl = new AbortController();
    const done = elector.run(ctl.signal);
    await advanceUntil(t.clock, (async () => { while (!started.length) await flushMicrotasks(); })());
    await broadcaster.flush();

    const cm = await cs.coreV1().configMaps('kube-system').get('kube-controller-manager');
    const record = JSON.parse(cm.metadata.annotations!['control-plane.alpha.kubernetes.io/leader']!);
    expect(record).toMatchObject({ holderIdentity: 'master-1', leaseDurationSeconds: 15, leaderTransitions: 0 });

    const events = await cs.coreV1().events('kube-system').list();
    expect(events.items.map((e) => [e.reason, e.message, e.involvedObject.kind])).toEqual([['LeaderElection', 'master-1 became leader', 'ConfigMap']]);

    // A second candidate cannot take a lock that is being renewed.
    const other = newLeaderElector({ ...elector.config, lock: newLock('configmaps', 'kube-system', 'kube-controller-manager', cs, { identity: 'master-2' }) });
    expect(await other.tryAcquireOrRenew()).toBe(false);
    const dup = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-controller-manager', namespace: 'kube-system' } };
    expect(isAlreadyExists(await cs.coreV1().configMaps('kube-system').create(dup).catch((e: unknown) => e))).toBe(true);
    ctl.abort();
    await done;
  });
});
