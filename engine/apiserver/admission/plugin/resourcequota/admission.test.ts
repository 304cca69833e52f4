import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import { VirtualClock } from '../../../../util/clock.js';
import type { Attributes } from '../../interfaces.js';
import type { PluginContext, StoredRead } from '../context.js';
import { newResourceQuota } from './admission.js';
import { checkQuotas, prettyPrint } from './controller.js';
import { evaluatorFor } from '../../../../api/quota/v1/evaluators.js';
import { parseQuantity } from '../../../../apimachinery/api/resource/quantity.js';

const quota = (used: string): KubeObject => ({ metadata: { name: 'q', namespace: 'ns' }, spec: { hard: { pods: '2' } }, status: { hard: { pods: '2' }, used: { pods: used } } });

/** fakeContext serves one quota; `race` makes the first write lose to another writer that took one pod. */
function fakeContext(race: boolean) {
  let stored: StoredRead = { object: quota('1'), modRevision: 1 };
  const writes: string[] = [];
  const ctx: PluginContext = {
    clock: new VirtualClock(),
    has: () => true,
    get: () => undefined,
    list: () => [structuredClone(stored)],
    async update(_r, obj, rev) {
      if (race) {
        race = false;
        stored = { object: quota('2'), modRevision: 2 };
      }
      if (rev !== stored.modRevision) return undefined;
      writes.push((obj.status as { used: { pods: string } }).used.pods);
      stored = { object: obj, modRevision: rev + 1 };
      return obj;
    },
  };
  return { ctx, writes };
}

const attrs = (dryRun = false): Attributes => ({
  operation: 'CREATE', group: '', version: 'v1', kind: 'Pod', resource: 'pods', subresource: '', namespace: 'ns', name: 'p',
  object: { metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [{ name: 'c' }] } }, user: 'u', dryRun,
});

describe('ResourceQuota plugin', () => {
  it('writes the new usage under the quota revision', async () => {
    const { ctx, writes } = fakeContext(false);
    await newResourceQuota(ctx).validate!(attrs());
    expect(writes).toEqual(['2']);
  });

  it('re-reads after a conflicting write and refuses when the other writer took the room', async () => {
    const { ctx, writes } = fakeContext(true);
    await expect(newResourceQuota(ctx).validate!(attrs())).rejects.toThrow('pods "p" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
    expect(writes).toEqual([]);
  });

  it('does not write for dry runs', async () => {
    const { ctx, writes } = fakeContext(false);
    await newResourceQuota(ctx).validate!(attrs(true));
    expect(writes).toEqual([]);
  });
});

describe('checkQuotas', () => {
  it('lowers usage on updates that shrink and never refuses them', () => {
    const q = { metadata: { name: 'q' }, status: { hard: { 'services.nodeports': '1' }, used: { 'services.nodeports': '3' } } };
    const delta = new Map([['services.nodeports', parseQuantity(-1)], ['services', parseQuantity(0)]]);
    const changes = checkQuotas([q], evaluatorFor('', 'services'), {}, delta, true);
    expect(changes).toEqual([{ index: 0, used: { 'services.nodeports': '2' } }]);
  });

  it('prettyPrint sorts names', () => {
    expect(prettyPrint(new Map([['pods', parseQuantity(1)], ['limits.cpu', parseQuantity('500m')]]))).toBe('limits.cpu=500m,pods=1');
  });
});
