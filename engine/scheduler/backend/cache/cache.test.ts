import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../../util/clock.js';
import { makeNode, makePod } from '../../framework/plugins/testing.js';
import { Cache } from './cache.js';

const onNode = (name: string, nodeName: string, cpu = '1') => {
  const p = makePod(name, { cpu });
  p.spec!.nodeName = nodeName;
  return p;
};

describe('Cache', () => {
  it('counts an assumed pod until its TTL passes without the bound pod showing up', async () => {
    const clock = new VirtualClock();
    const cache = new Cache(clock, 30_000);
    cache.run();
    cache.addNode(makeNode('n1'));
    const p = onNode('web', 'n1');
    cache.assumePod(p);
    expect(cache.updateSnapshot().get('n1')!.requested.milliCPU).toBe(1000);
    cache.finishBinding(p);
    await clock.advance(29_000);
    expect(cache.isAssumedPod(p)).toBe(true);
    await clock.advance(2_000);
    expect(cache.isAssumedPod(p)).toBe(false);
    expect(cache.updateSnapshot().get('n1')!.requested.milliCPU).toBe(0);
    cache.stop();
  });

  it('confirms an assumed pod when the informer sees it bound, and forgets a failed binding', () => {
    const clock = new VirtualClock();
    const cache = new Cache(clock);
    cache.addNode(makeNode('n1'));
    cache.addNode(makeNode('n2'));
    const a = onNode('a', 'n1');
    cache.assumePod(a);
    cache.finishBinding(a);
    cache.addPod(a);
    expect(cache.isAssumedPod(a)).toBe(false);
    cache.cleanupAssumedPods(clock.now() + 60_000);
    expect(cache.dump().n1).toEqual(['default/a']);

    const b = onNode('b', 'n2', '2');
    cache.assumePod(b);
    cache.forgetPod(b);
    expect(cache.updateSnapshot().get('n2')!.requested.milliCPU).toBe(0);
    expect(() => {
      cache.assumePod(a);
    }).toThrow('is in the cache');
  });

  it('drops a removed node from snapshots', () => {
    const cache = new Cache(new VirtualClock());
    cache.addNode(makeNode('n1'));
    cache.addNode(makeNode('n2'));
    cache.removeNode(makeNode('n1'));
    expect(cache.updateSnapshot().list().map((n) => n.nodeName())).toEqual(['n2']);
  });

  it('copies only the nodes that changed since the last snapshot, keeping name order', () => {
    const cache = new Cache(new VirtualClock());
    for (const n of ['n3', 'n1', 'n2']) cache.addNode(makeNode(n));
    const first = cache.updateSnapshot();
    expect(first.list().map((n) => n.nodeName())).toEqual(['n1', 'n2', 'n3']);
    const [n1, n2, n3] = first.list();
    expect(cache.updateSnapshot().list()).toEqual([n1, n2, n3]);

    cache.assumePod(onNode('a', 'n2'));
    const second = cache.updateSnapshot();
    expect(second.get('n1')).toBe(n1);
    expect(second.get('n3')).toBe(n3);
    expect(second.get('n2')).not.toBe(n2);
    expect(second.list()[1]).toBe(second.get('n2'));
    expect(second.get('n2')!.requested.milliCPU).toBe(1000);
    // The copy an earlier cycle read is frozen.
    expect(n2!.requested.milliCPU).toBe(0);

    cache.addNode(makeNode('n0'));
    cache.removeNode(makeNode('n3'));
    expect(cache.updateSnapshot().list().map((n) => n.nodeName())).toEqual(['n0', 'n1', 'n2']);
  });

  it('sees a node updated in place (new allocatable) in the next snapshot', () => {
    const cache = new Cache(new VirtualClock());
    cache.addNode(makeNode('n1', { cpu: '2' }));
    expect(cache.updateSnapshot().get('n1')!.allocatable.milliCPU).toBe(2000);
    cache.updateNode(makeNode('n1', { cpu: '2' }), makeNode('n1', { cpu: '8' }));
    expect(cache.updateSnapshot().get('n1')!.allocatable.milliCPU).toBe(8000);
  });
});
