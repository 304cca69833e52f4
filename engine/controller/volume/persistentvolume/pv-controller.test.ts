import { describe, it, expect, afterEach } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../api/core/v1/types.js';
import { newHarness, type Harness } from '../../../../test/support/controller-harness.js';
import { findBestMatchForClaim } from './index.js';
import { newPersistentVolumeController } from './pv-controller.js';

let h: Harness;
afterEach(async () => h?.close());

const pv = (name: string, size: string, extra: Partial<NonNullable<PersistentVolume['spec']>> = {}, labels?: Record<string, string>): PersistentVolume => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, ...(labels ? { labels } : {}) },
  spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/data/${name}` }, persistentVolumeReclaimPolicy: 'Retain', ...extra },
});
const pvc = (name: string, size: string, extra: Partial<NonNullable<PersistentVolumeClaim['spec']>> = {}): PersistentVolumeClaim => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default', uid: `uid-${name}` },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, storageClassName: '', ...extra },
});

describe('findBestMatchForClaim', () => {
  const vols = [pv('big', '10Gi'), pv('small', '1Gi'), pv('mid', '5Gi'), pv('rox', '2Gi', { accessModes: ['ReadOnlyMany'] }), pv('fast', '2Gi', { storageClassName: 'fast' }), pv('labelled', '3Gi', {}, { tier: 'gold' })];
  it.each([
    ['smallest that fits', pvc('c', '2Gi'), 'labelled'],
    ['exact fit', pvc('c', '1Gi'), 'small'],
    ['access modes', pvc('c', '1Gi', { accessModes: ['ReadOnlyMany'] }), 'rox'],
    ['storage class', pvc('c', '1Gi', { storageClassName: 'fast' }), 'fast'],
    ['selector', pvc('c', '1Gi', { selector: { matchLabels: { tier: 'gold' } } }), 'labelled'],
    ['too big for all', pvc('c', '20Gi'), undefined],
  ])('%s', (_n, claim, want) => expect(findBestMatchForClaim(vols, claim)?.metadata.name).toBe(want));

  it('prefers a volume pre-bound to the claim', () => {
    const pre = pv('pre', '10Gi', { claimRef: { namespace: 'default', name: 'c' } });
    expect(findBestMatchForClaim([...vols, pre], pvc('c', '1Gi'))?.metadata.name).toBe('pre');
    expect(findBestMatchForClaim([pre], pvc('other', '1Gi'))).toBeUndefined();
  });
});

describe('PersistentVolumeController', () => {
  async function setup() {
    h = await newHarness();
    const c = newPersistentVolumeController(h.ctx());
    await h.start();
    void c.run(1, h.signal);
  }
  const getPV = (n: string) => h.cs.coreV1().persistentVolumes().get(n);
  const getPVC = (n: string) => h.cs.coreV1().persistentVolumeClaims('default').get(n);

  it('binds a claim to the smallest matching volume on both sides', async () => {
    await setup();
    for (const v of [pv('pv-10g', '10Gi'), pv('pv-2g', '2Gi'), pv('pv-1g', '1Gi')]) await h.cs.coreV1().persistentVolumes().create(v);
    await h.until(async () => (await getPV('pv-1g')).status?.phase === 'Available');
    const { metadata } = await h.cs.coreV1().persistentVolumeClaims('default').create(pvc('data', '1500Mi'));
    await h.until(async () => (await getPVC('data')).status?.phase === 'Bound');
    const claim = await getPVC('data');
    expect(claim.spec?.volumeName).toBe('pv-2g');
    expect(claim.status).toMatchObject({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
    expect(claim.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const vol = await getPV('pv-2g');
    expect(vol.spec?.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: metadata.uid });
    expect(vol.status?.phase).toBe('Bound');
    expect((await getPV('pv-1g')).status?.phase).toBe('Available');
  });

  it('leaves a claim Pending with an event when nothing fits', async () => {
    await setup();
    await h.cs.coreV1().persistentVolumeClaims('default').create(pvc('huge', '1Ti'));
    await h.until(async () => (await h.events('default', 'huge')).length > 0);
    expect((await getPVC('huge')).status?.phase).toBe('Pending');
    expect((await h.events('default', 'huge'))[0]).toMatchObject({ reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set' });
    await h.cs.coreV1().persistentVolumes().create(pv('pv-2t', '2Ti'));
    await h.until(async () => (await getPVC('huge')).status?.phase === 'Bound');
  });

  it.each([
    ['Retain', 'Released'],
    ['Delete', 'gone'],
  ] as const)('reclaim policy %s: after the claim is deleted the volume is %s', async (policy, want) => {
    await setup();
    await h.cs.coreV1().persistentVolumes().create(pv('vol', '1Gi', { persistentVolumeReclaimPolicy: policy }));
    await h.cs.coreV1().persistentVolumeClaims('default').create(pvc('data', '1Gi'));
    await h.until(async () => (await getPV('vol')).status?.phase === 'Bound');
    await h.cs.coreV1().persistentVolumeClaims('default').delete('data');
    if (want === 'gone') {
      await h.until(async () => (await h.cs.coreV1().persistentVolumes().list()).items.length === 0);
    } else {
      await h.until(async () => (await getPV('vol')).status?.phase === 'Released');
      // A new claim does not get a Released volume.
      await h.cs.coreV1().persistentVolumeClaims('default').create(pvc('again', '1Gi'));
      await h.advance(5_000);
      expect((await getPVC('again')).status?.phase).toBe('Pending');
    }
  });
});
