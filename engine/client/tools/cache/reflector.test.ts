import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { newServiceUnavailable } from '../../../apimachinery/api/errors/errors.js';
import { flushMicrotasks, VirtualClock } from '../../../util/clock.js';
import { newForTransport } from '../../kubernetes/clientset.js';
import { FakeAPI } from '../../testing/fake-api.js';
import { newListWatchFromClient } from './listwatch.js';
import { Reflector } from './reflector.js';
import { metaNamespaceKeyFunc, newStore } from './store.js';

const cm = (name: string, data = 'x'): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { v: data } });
const settle = () => flushMicrotasks(200);

function setup(options: { resyncPeriod?: number } = {}) {
  const clock = new VirtualClock();
  const api = new FakeAPI(clock);
  const cs = newForTransport(api.transport);
  const store = newStore<KubeObject>(metaNamespaceKeyFunc);
  let resyncs = 0;
  const counting = { ...store, add: store.add.bind(store), update: store.update.bind(store), delete: store.delete.bind(store), replace: store.replace.bind(store), resync: () => void resyncs++ };
  const errors: unknown[] = [];
  const r = new Reflector(newListWatchFromClient(cs.coreV1().configMaps('')), counting, { clock, onError: (e) => errors.push(e), ...options });
  const ctl = new AbortController();
  const done = r.run(ctl.signal);
  const keys = () => store.listKeys().sort();
  const watches = () => api.requests.filter((q) => q.includes('watch=true'));
  const lists = () => api.requests.filter((q) => q.startsWith('GET') && !q.includes('watch=true'));
  return { clock, api, r, ctl, done, keys, watches, lists, errors, resyncs: () => resyncs, store };
}

describe('Reflector', () => {
  it('lists, then watches from the list resourceVersion and applies events', async () => {
    const clock = new VirtualClock();
    const api = new FakeAPI(clock);
    api.seed('configmaps', cm('a'));
    api.seed('configmaps', cm('b'));
    const cs = newForTransport(api.transport);
    const store = newStore<KubeObject>(metaNamespaceKeyFunc);
    const r = new Reflector(newListWatchFromClient(cs.coreV1().configMaps('')), store, { clock });
    const ctl = new AbortController();
    const done = r.run(ctl.signal);
    await settle();
    expect(store.listKeys().sort()).toEqual(['default/a', 'default/b']);
    expect(api.requests[0]).toBe('GET /api/v1/configmaps?resourceVersion=0');
    expect(api.requests[1]).toMatch(/^GET \/api\/v1\/configmaps\?resourceVersion=2&allowWatchBookmarks=true&timeoutSeconds=\d+&watch=true$/);

    await cs.coreV1().configMaps('default').create(cm('c') as never);
    await cs.coreV1().configMaps('default').delete('a');
    const b = (await cs.coreV1().configMaps('default').get('b')) as unknown as KubeObject;
    await cs.coreV1().configMaps('default').update({ ...b, data: { v: 'changed' } } as never);
    await settle();
    expect(store.listKeys().sort()).toEqual(['default/b', 'default/c']);
    expect((store.getByKey('default/b') as unknown as { data: { v: string } }).data.v).toBe('changed');
    expect(r.getLastSyncResourceVersion()).toBe(String(api.rv));

    ctl.abort();
    await done;
    expect(api.openWatches()).toBe(0);
  });

  it('re-watches from the last resourceVersion when a watch ends', async () => {
    const t = setup();
    t.api.seed('configmaps', cm('a'));
    await settle();
    t.api.closeWatches();
    t.api.seed('configmaps', cm('b')); // happens while no watch is open
    await settle();
    expect(t.watches()).toHaveLength(2);
    expect(t.watches()[1]).toContain(`resourceVersion=1&`);
    expect(t.lists()).toHaveLength(1);
    expect(t.keys()).toEqual(['default/a', 'default/b']);
    t.ctl.abort();
    await t.done;
  });

  it('relists with a consistent read after 410 Expired', async () => {
    const t = setup();
    t.api.seed('configmaps', cm('a'));
    await settle();
    t.api.closeWatches();
    t.api.seed('configmaps', cm('b'));
    t.api.compact(); // the watch from rv=1 is now too old
    await settle();
    expect(t.watches()).toHaveLength(2);
    expect(t.lists()).toHaveLength(1);
    await t.clock.advance(800); // relist after the first backoff
    await settle();
    expect(t.lists()).toHaveLength(2);
    expect(t.lists()[1]).toBe('GET /api/v1/configmaps'); // resourceVersion "" is left out
    expect(t.keys()).toEqual(['default/a', 'default/b']);
    expect(t.watches()[2]).toContain(`resourceVersion=${t.api.rv}&`);
    t.ctl.abort();
    await t.done;
  });

  it('backs off exponentially on list failures, then recovers', async () => {
    const clock = new VirtualClock();
    const api = new FakeAPI(clock);
    for (let i = 0; i < 3; i++) api.failNext('GET', newServiceUnavailable('etcd is down').status);
    api.seed('configmaps', cm('a'));
    const listsAt: number[] = [];
    const start = clock.now();
    const transport = (req: Request) => {
      if (!req.url.includes('watch=true')) listsAt.push(clock.now() - start);
      return api.transport(req);
    };
    const store = newStore<KubeObject>(metaNamespaceKeyFunc);
    const errors: unknown[] = [];
    const r = new Reflector(newListWatchFromClient(newForTransport(transport).coreV1().configMaps('')), store, { clock, onError: (e) => errors.push(e) });
    const ctl = new AbortController();
    const done = r.run(ctl.signal);
    for (let ms = 0; ms <= 6000; ms += 100) {
      await clock.advance(100);
      await settle();
    }
    // The first list fails at once; retries follow 800, 1600 and 3200 ms later.
    expect(listsAt).toEqual([0, 800, 2400, 5600]);
    expect(errors).toHaveLength(3);
    expect((errors[0] as Error).message).toBe('etcd is down');
    expect(store.listKeys()).toEqual(['default/a']);
    ctl.abort();
    await done;
  });

  it('calls resync on its period', async () => {
    const t = setup({ resyncPeriod: 30_000 });
    await settle();
    await t.clock.advance(30_000);
    expect(t.resyncs()).toBe(1);
    await t.clock.advance(60_000);
    expect(t.resyncs()).toBe(3);
    t.ctl.abort();
    await t.done;
  });

  it('stops promptly when aborted during a backoff', async () => {
    const t = setup();
    await settle();
    t.api.closeWatches(); // an empty, instant watch: treated as an error, so it backs off
    await settle();
    expect(t.errors).toHaveLength(1);
    t.ctl.abort();
    await t.done;
    expect(t.clock.pendingTimers()).toBe(0);
  });
});
