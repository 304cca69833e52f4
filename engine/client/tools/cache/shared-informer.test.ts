import { describe, it, expect } from 'vitest';
import type { ConfigMap, Pod } from '../../../api/core/v1/types.js';
import { selectorFromSet } from '../../../apimachinery/labels/selector.js';
import { flushMicrotasks, VirtualClock } from '../../../util/clock.js';
import { newForTransport } from '../../kubernetes/clientset.js';
import { newSharedInformerFactory } from '../../informers/factory.js';
import { FakeAPI } from '../../testing/fake-api.js';
import { advanceUntil } from '../../testing/advance.js';
import { DeletedFinalStateUnknown } from './controller.js';
import { waitForCacheSync } from './shared-informer.js';

const settle = () => flushMicrotasks(200);
const pod = (name: string, ns = 'default', labels: Record<string, string> = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
const cm = (name: string): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: {} });
const nameOf = (o: { metadata: { name?: string } } | DeletedFinalStateUnknown<{ metadata: { name?: string } }>) =>
  o instanceof DeletedFinalStateUnknown ? `tombstone:${o.key}` : o.metadata.name;

function setup(defaultResync = 0) {
  const clock = new VirtualClock();
  const api = new FakeAPI(clock);
  const cs = newForTransport(api.transport);
  const factory = newSharedInformerFactory(cs, clock, defaultResync);
  const ctl = new AbortController();
  return { clock, api, cs, factory, ctl };
}

describe('SharedIndexInformer', () => {
  it('notifies handlers of adds, updates and deletes and keeps the lister current', async () => {
    const { api, cs, factory, ctl, clock } = setup();
    api.seed('pods', pod('a', 'default', { app: 'web' }) as never);
    const pods = factory.core().v1().pods();
    const seen: string[] = [];
    pods.informer().addEventHandler({
      onAdd: (p, initial) => seen.push(`add ${p.metadata.name}${initial ? ' (initial)' : ''}`),
      onUpdate: (o, n) => seen.push(`update ${n.metadata.name} ${o.metadata.resourceVersion}->${n.metadata.resourceVersion}`),
      onDelete: (p) => seen.push(`delete ${nameOf(p)}`),
    });
    factory.start(ctl.signal);
    expect(pods.informer().hasSynced()).toBe(false);
    expect(await advanceUntil(clock, waitForCacheSync(clock, ctl.signal, () => pods.informer().hasSynced()))).toBe(true);

    await cs.coreV1().pods('default').create(pod('b', 'default', { app: 'web' }));
    await cs.coreV1().pods('default').patch('a', 'application/merge-patch+json', { metadata: { labels: { app: 'db' } } });
    await cs.coreV1().pods('default').delete('b');
    await settle();
    expect(seen).toEqual(['add a (initial)', 'add b', 'update a 1->3', 'delete b']);
    expect(pods.lister().list(selectorFromSet({ app: 'db' })).map((p) => p.metadata.name)).toEqual(['a']);
    expect(pods.lister().get('default', 'a').metadata.labels).toEqual({ app: 'db' });
    await factory.shutdown();
  });

  it('shares one informer per resource and replays the cache to late handlers', async () => {
    const { api, factory, ctl, clock } = setup();
    api.seed('pods', pod('a') as never);
    api.seed('pods', pod('b', 'other') as never);
    const first = factory.core().v1().pods();
    factory.start(ctl.signal);
    await advanceUntil(clock, factory.waitForCacheSync(ctl.signal));
    expect(factory.core().v1().pods().informer()).toBe(first.informer());
    const late: string[] = [];
    first.informer().addEventHandler({ onAdd: (p, initial) => late.push(`${p.metadata.namespace}/${p.metadata.name} ${initial}`) });
    expect(late.sort()).toEqual(['default/a true', 'other/b true']);
    expect(first.lister().byNamespace('other').list().map((p) => p.metadata.name)).toEqual(['b']);
    expect(api.requests.filter((r) => r.includes('watch=true'))).toHaveLength(1);
    await factory.shutdown();
  });

  it('reports objects deleted during a relist as DeletedFinalStateUnknown', async () => {
    const { api, cs, factory, ctl, clock } = setup();
    api.seed('configmaps', cm('keep') as never);
    api.seed('configmaps', cm('gone') as never);
    const cms = factory.core().v1().configMaps();
    const seen: string[] = [];
    const watchErrors: unknown[] = [];
    cms.informer().setWatchErrorHandler((e) => watchErrors.push(e));
    cms.informer().addEventHandler({ onDelete: (o) => seen.push(nameOf(o)!), onAdd: (o) => seen.push(`add ${o.metadata.name}`) });
    factory.start(ctl.signal);
    await advanceUntil(clock, factory.waitForCacheSync(ctl.signal));
    await settle();
    api.closeWatches();
    await cs.coreV1().configMaps('default').delete('gone');
    await cs.coreV1().configMaps('default').create(cm('new'));
    api.compact();
    await settle();
    await clock.advance(800);
    await settle();
    expect(seen.sort()).toEqual(['add gone', 'add keep', 'add new', 'tombstone:default/gone']);
    expect(cms.lister().list().map((c) => c.metadata.name).sort()).toEqual(['keep', 'new']);
    await factory.shutdown();
  });

  it('resyncs each handler on its own period with old === new', async () => {
    const { api, factory, ctl, clock } = setup();
    api.seed('configmaps', cm('a') as never);
    const inf = factory.core().v1().configMaps().informer();
    const fast: number[] = [];
    const slow: number[] = [];
    const t0 = clock.now();
    inf.addEventHandler({ onUpdate: (o, n) => (expect(o).toBe(n), fast.push(clock.now() - t0)) }, 10_000);
    inf.addEventHandler({ onUpdate: () => slow.push(clock.now() - t0) }, 30_000);
    inf.addEventHandler({ onUpdate: () => expect.unreachable('no resync requested') }, 0);
    factory.start(ctl.signal);
    await settle();
    for (let i = 0; i < 6; i++) await clock.advance(10_000);
    expect(fast).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    expect(slow).toEqual([30_000, 60_000]);
    await factory.shutdown();
  });

  it('keeps notifying other handlers when one throws', async () => {
    const { api, factory, ctl, clock } = setup();
    const errors: unknown[] = [];
    const inf = factory.core().v1().pods().informer();
    inf.setWatchErrorHandler((e) => errors.push(e));
    inf.addEventHandler({ onAdd: () => { throw new Error('handler bug'); } });
    const names: string[] = [];
    inf.addEventHandler({ onAdd: (p) => names.push(p.metadata.name!) });
    api.seed('pods', pod('a') as never);
    factory.start(ctl.signal);
    await advanceUntil(clock, factory.waitForCacheSync(ctl.signal));
    expect(names).toEqual(['a']);
    expect((errors[0] as Error).message).toBe('handler bug');
    await factory.shutdown();
  });

  it('waitForCacheSync returns false when stopped before sync', async () => {
    const clock = new VirtualClock();
    const ctl = new AbortController();
    const p = waitForCacheSync(clock, ctl.signal, () => false);
    await clock.advance(500);
    ctl.abort();
    expect(await p).toBe(false);
  });
});
