// Mirrors pkg/controller/volume/persistentvolume/index.go and the matching half of
// pkg/volume/util (FindMatchingVolume, CheckAccessModes): pick the smallest Available volume that
// satisfies a claim's access modes, size, storage class, selector and volume mode, preferring a
// volume pre-bound to the claim.
import type { PersistentVolume, PersistentVolumeClaim } from '../../../api/core/v1/types.js';
import { parseQuantity, type Quantity } from '../../../apimachinery/api/resource/quantity.js';
import { labelSelectorAsSelector } from '../../../apimachinery/apis/meta/v1/helpers.js';

/** getPersistentVolumeClaimClass is the claim's storage class ("" when none). */
export function getPersistentVolumeClaimClass(claim: PersistentVolumeClaim): string {
  return claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? claim.spec?.storageClassName ?? '';
}

export function getPersistentVolumeClass(pv: PersistentVolume): string {
  return pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? '';
}

/** checkAccessModes: the volume offers every mode the claim asks for. */
export function checkAccessModes(claim: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  const offered = new Set(pv.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((m) => offered.has(m));
}

function capacityOf(pv: PersistentVolume): Quantity {
  return parseQuantity(pv.spec?.capacity?.storage ?? 0);
}

/** isVolumeBoundToClaim: claimRef names this claim (and its uid, when the ref has one). */
export function isVolumeBoundToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

/**
 * findBestMatchForClaim returns the volume to bind claim to: one already bound or pre-bound to it,
 * else the smallest fitting unclaimed volume; undefined when nothing fits.
 */
export function findBestMatchForClaim(volumes: PersistentVolume[], claim: PersistentVolumeClaim): PersistentVolume | undefined {
  const requested = parseQuantity(claim.spec?.resources?.requests?.storage ?? 0);
  const claimClass = getPersistentVolumeClaimClass(claim);
  const selector = claim.spec?.selector ? labelSelectorAsSelector(claim.spec.selector) : undefined;
  const claimMode = claim.spec?.volumeMode ?? 'Filesystem';
  let best: PersistentVolume | undefined;
  for (const pv of volumes) {
    if (pv.metadata.deletionTimestamp) continue;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== claimMode) continue;
    const capacity = capacityOf(pv);
    if (isVolumeBoundToClaim(pv, claim)) {
      // A volume pre-bound to this claim wins if it is big enough, whatever else it says.
      if (capacity.cmp(requested) >= 0) return pv;
      continue;
    }
    if (pv.spec?.claimRef) continue;
    if (pv.status?.phase && pv.status.phase !== 'Available') continue;
    if (getPersistentVolumeClass(pv) !== claimClass) continue;
    if (selector && !selector.matches(pv.metadata.labels ?? {})) continue;
    if (!checkAccessModes(claim, pv)) continue;
    if (capacity.cmp(requested) < 0) continue;
    if (!best || capacity.cmp(capacityOf(best)) < 0) best = pv;
  }
  return best;
}
