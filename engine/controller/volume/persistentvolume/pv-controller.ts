// Mirrors pkg/controller/volume/persistentvolume/pv_controller.go and pv_controller_base.go: the
// binder for statically provisioned volumes — syncClaim binds a pending claim to the best
// Available volume (both sides: pv.spec.claimRef, claim.spec.volumeName, phases Bound), syncVolume
// keeps a volume's phase and, when its claim goes, releases it and applies the reclaim policy
// (Retain → Released, Delete → the PersistentVolume is deleted, Recycle → Available again).
// Dynamic provisioning, attach/detach and the volume plugins' deleters are left out.
import type { PersistentVolume, PersistentVolumeClaim } from '../../../api/core/v1/types.js';
import { isConflict, isNotFound } from '../../../apimachinery/api/errors/errors.js';
import type { Lister } from '../../../client/tools/cache/listers.js';
import { EventTypeNormal, EventTypeWarning } from '../../../client/tools/record/event.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../../client/util/workqueue/rate-limiting-queue.js';
import type { ControllerContext } from '../../controller-context.js';
import { fromTombstone, keyFunc } from '../../controller-utils.js';
import { processNextWorkItem, runWhenSynced } from '../../worker.js';
import { findBestMatchForClaim, getPersistentVolumeClaimClass } from './index.js';

export const annBindCompleted = 'pv.kubernetes.io/bind-completed';
export const annBoundByController = 'pv.kubernetes.io/bound-by-controller';

export interface PersistentVolumeControllerOptions {
  /** syncPeriod is --pvclaimbinder-sync-period: how often everything is re-examined (ms). */
  syncPeriod: number;
}

export class PersistentVolumeController {
  readonly volumeQueue: RateLimitingType<string>;
  readonly claimQueue: RateLimitingType<string>;
  readonly volumeLister: Lister<PersistentVolume>;
  readonly claimLister: Lister<PersistentVolumeClaim>;
  private readonly synced: (() => boolean)[];
  private readonly syncPeriod: number;
  syncClaimHandler: (key: string) => Promise<void> = (key) => this.syncClaimByKey(key);
  syncVolumeHandler: (key: string) => Promise<void> = (key) => this.syncVolumeByKey(key);

  constructor(private readonly ctx: ControllerContext<PersistentVolumeControllerOptions>) {
    this.syncPeriod = ctx.options?.syncPeriod ?? 15_000;
    this.volumeQueue = newRateLimitingQueue<string>(ctx.clock);
    this.claimQueue = newRateLimitingQueue<string>(ctx.clock);
    const pvs = ctx.informerFactory.core().v1().persistentVolumes();
    const pvcs = ctx.informerFactory.core().v1().persistentVolumeClaims();
    this.volumeLister = pvs.lister();
    this.claimLister = pvcs.lister();
    this.synced = [() => pvs.informer().hasSynced(), () => pvcs.informer().hasSynced()];
    const onVolume = (pv: PersistentVolume) => {
      this.volumeQueue.add(keyFunc(pv));
      // A volume that became Available may be what a pending claim waits for.
      for (const c of this.claimLister.list()) if (!c.spec?.volumeName) this.claimQueue.add(keyFunc(c));
    };
    pvs.informer().addEventHandler({ onAdd: onVolume, onUpdate: (_o, n) => onVolume(n), onDelete: (pv) => onVolume(fromTombstone(pv)) });
    pvcs.informer().addEventHandler({
      onAdd: (c) => this.claimQueue.add(keyFunc(c)),
      onUpdate: (_o, n) => this.claimQueue.add(keyFunc(n)),
      // A deleted claim releases its volume.
      onDelete: (c) => {
        const name = fromTombstone(c).spec?.volumeName;
        if (name) this.volumeQueue.add(name);
      },
    });
  }

  /** run waits for the caches, starts the periodic resync, then runs volume and claim workers until signal aborts. */
  run(workers: number, signal: AbortSignal): Promise<void> {
    const resync = async () => {
      while (!signal.aborted) {
        await this.ctx.clock.sleep(this.syncPeriod);
        for (const pv of this.volumeLister.list()) this.volumeQueue.add(keyFunc(pv));
        for (const c of this.claimLister.list()) this.claimQueue.add(keyFunc(c));
      }
    };
    // Each worker is one volume worker and one claim worker, as upstream starts both per Run.
    const worker = async () =>
      void (await Promise.all([this.drain(this.volumeQueue, this.syncVolumeHandler), this.drain(this.claimQueue, this.syncClaimHandler)]));
    return runWhenSynced(workers, this.volumeQueue, this.ctx.clock, signal, this.synced, worker, { alsoShutDown: [this.claimQueue], onSynced: () => void resync() });
  }

  private async drain(queue: RateLimitingType<string>, handler: (key: string) => Promise<void>): Promise<void> {
    while (await processNextWorkItem(queue, handler)) {
      /* keep going */
    }
  }

  private async syncClaimByKey(key: string): Promise<void> {
    const [ns, name] = key.split('/') as [string, string];
    let claim: PersistentVolumeClaim;
    try {
      claim = this.claimLister.get(ns, name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    await this.syncClaim(claim);
  }

  private async syncVolumeByKey(key: string): Promise<void> {
    let pv: PersistentVolume;
    try {
      pv = this.volumeLister.get('', key);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    await this.syncVolume(pv);
  }

  /** syncClaim binds an unbound claim, or checks a bound one still has its volume. */
  async syncClaim(claim: PersistentVolumeClaim): Promise<void> {
    if (claim.metadata.deletionTimestamp) return;
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      const pv = findBestMatchForClaim(this.volumeLister.list(), claim);
      if (!pv) {
        if (claim.status?.phase !== 'Pending') await this.updateClaimStatus(claim, 'Pending');
        const cls = getPersistentVolumeClaimClass(claim);
        const msg = cls ? `storageclass.storage.k8s.io "${cls}" not found` : 'no persistent volumes available for this claim and no storage class is set';
        this.ctx.recorder.event(claim, EventTypeNormal, cls ? 'ProvisioningFailed' : 'FailedBinding', msg);
        return;
      }
      await this.bind(pv, claim);
      return;
    }
    let pv: PersistentVolume;
    try {
      pv = this.volumeLister.get('', volumeName);
    } catch {
      if (claim.status?.phase !== 'Lost' && claim.status?.phase === 'Bound') {
        await this.updateClaimStatus(claim, 'Lost');
        this.ctx.recorder.event(claim, EventTypeWarning, 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
      }
      return;
    }
    const ref = pv.spec?.claimRef;
    if (!ref || (ref.name === claim.metadata.name && ref.namespace === claim.metadata.namespace && (!ref.uid || ref.uid === claim.metadata.uid))) {
      // The user pre-bound the claim to this volume, or one side of our bind is unfinished.
      await this.bind(pv, claim);
      return;
    }
    if (claim.status?.phase !== 'Lost') {
      await this.updateClaimStatus(claim, 'Lost');
      this.ctx.recorder.event(claim, EventTypeWarning, 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
    }
  }

  /** syncVolume keeps a volume's phase in step with its claim and reclaims released volumes. */
  async syncVolume(pv: PersistentVolume): Promise<void> {
    const ref = pv.spec?.claimRef;
    if (!ref) {
      if (pv.status?.phase !== 'Available') await this.updateVolumePhase(pv, 'Available');
      return;
    }
    let claim: PersistentVolumeClaim | undefined;
    try {
      claim = this.claimLister.get(ref.namespace ?? '', ref.name ?? '');
    } catch {
      claim = undefined;
    }
    if (claim && ref.uid && claim.metadata.uid !== ref.uid) claim = undefined; // a new claim of the same name
    if (!claim) {
      // Pre-bound to a claim that does not exist yet: stay Available for it.
      if (!ref.uid) {
        if (pv.status?.phase !== 'Available') await this.updateVolumePhase(pv, 'Available');
        return;
      }
      if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') pv = await this.updateVolumePhase(pv, 'Released');
      await this.reclaimVolume(pv);
      return;
    }
    if (claim.spec?.volumeName === pv.metadata.name) {
      if (pv.status?.phase !== 'Bound') await this.updateVolumePhase(pv, 'Bound');
      return;
    }
    // The claim is not bound to us yet: the claim's sync finishes (or undoes) the bind.
    this.claimQueue.add(keyFunc(claim));
  }

  /** reclaimVolume applies persistentVolumeReclaimPolicy to a Released volume. */
  private async reclaimVolume(pv: PersistentVolume): Promise<void> {
    const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    const pvs = this.ctx.clientset.coreV1().persistentVolumes();
    if (policy === 'Delete') {
      try {
        await pvs.delete(pv.metadata.name ?? '');
      } catch (err) {
        if (!isNotFound(err)) {
          this.ctx.recorder.event(pv, EventTypeWarning, 'VolumeFailedDelete', (err as Error).message);
          throw err;
        }
      }
    } else if (policy === 'Recycle') {
      const fresh = await pvs.get(pv.metadata.name ?? '');
      delete fresh.spec!.claimRef;
      await pvs.update(fresh);
      this.ctx.recorder.event(pv, EventTypeNormal, 'RecyclerPod', 'Recycler pod: Successfully assigned volume to be recycled');
    }
  }

  /** bind ties volume and claim together: volume side first, as upstream. */
  private async bind(pv: PersistentVolume, claim: PersistentVolumeClaim): Promise<void> {
    const pvs = this.ctx.clientset.coreV1().persistentVolumes();
    const claims = this.ctx.clientset.coreV1().persistentVolumeClaims(claim.metadata.namespace ?? 'default');
    let volume = pv;
    const ref = pv.spec?.claimRef;
    if (!ref || ref.uid !== claim.metadata.uid) {
      const updated = structuredClone(pv);
      updated.spec!.claimRef = { kind: 'PersistentVolumeClaim', namespace: claim.metadata.namespace, name: claim.metadata.name, uid: claim.metadata.uid, apiVersion: 'v1', resourceVersion: claim.metadata.resourceVersion };
      updated.metadata.annotations = { ...updated.metadata.annotations, [annBoundByController]: 'yes' };
      volume = await pvs.update(updated);
    }
    if (volume.status?.phase !== 'Bound') volume = await this.updateVolumePhase(volume, 'Bound');

    let c = claim;
    if (c.spec?.volumeName !== volume.metadata.name || c.metadata.annotations?.[annBindCompleted] !== 'yes') {
      const updated = structuredClone(c);
      updated.spec = { ...updated.spec, volumeName: volume.metadata.name };
      updated.metadata.annotations = { ...updated.metadata.annotations, [annBindCompleted]: 'yes', ...(claim.spec?.volumeName ? {} : { [annBoundByController]: 'yes' }) };
      c = await claims.update(updated);
    }
    if (c.status?.phase !== 'Bound') {
      await claims.updateStatus({ ...c, status: { ...c.status, phase: 'Bound', accessModes: volume.spec?.accessModes, capacity: volume.spec?.capacity } });
    }
  }

  private async updateVolumePhase(pv: PersistentVolume, phase: NonNullable<PersistentVolume['status']>['phase']): Promise<PersistentVolume> {
    try {
      return await this.ctx.clientset.coreV1().persistentVolumes().updateStatus({ ...pv, status: { ...pv.status, phase } });
    } catch (err) {
      if (isConflict(err)) {
        const fresh = await this.ctx.clientset.coreV1().persistentVolumes().get(pv.metadata.name ?? '');
        return this.ctx.clientset.coreV1().persistentVolumes().updateStatus({ ...fresh, status: { ...fresh.status, phase } });
      }
      throw err;
    }
  }

  private async updateClaimStatus(claim: PersistentVolumeClaim, phase: NonNullable<PersistentVolumeClaim['status']>['phase']): Promise<void> {
    await this.ctx.clientset.coreV1().persistentVolumeClaims(claim.metadata.namespace ?? 'default').updateStatus({ ...claim, status: { ...claim.status, phase } });
  }
}

/** newPersistentVolumeController is the constructor the controller manager registers as "persistentvolume-binder". */
export function newPersistentVolumeController(ctx: ControllerContext<PersistentVolumeControllerOptions>): PersistentVolumeController {
  return new PersistentVolumeController(ctx);
}
