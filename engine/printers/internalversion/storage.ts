// Mirrors printPersistentVolume, printPersistentVolumeClaim and helper.GetAccessModesAsString /
// GetPersistentVolume(Claim)Class used by pkg/printers/internalversion/printers.go.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import type { PersistentVolume, PersistentVolumeAccessMode, PersistentVolumeClaim } from '../../api/core/v1/types.js';
import type { TableConvertor } from '../../apiserver/registry/rest/resource.js';
import { ageColumn, col, nameColumn, objectAge as age, objectName as name } from './helpers.js';

/** getAccessModesAsString prints access modes in upstream's fixed order: RWO, ROX, RWX, RWOP. */
export function getAccessModesAsString(modes: PersistentVolumeAccessMode[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

const betaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

function storageClassOf(obj: KubeObject, specClass: string | undefined): string {
  return obj.metadata.annotations?.[betaStorageClassAnnotation] ?? specClass ?? '';
}

export function printPersistentVolume(pv: PersistentVolume, now: number): unknown[] {
  const obj = pv as unknown as KubeObject;
  const spec = pv.spec ?? {};
  const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
  const phase = pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? '');
  const vac = (spec as { volumeAttributesClassName?: string }).volumeAttributesClassName ?? '<unset>';
  return [
    name(obj),
    String(spec.capacity?.storage ?? '0'),
    getAccessModesAsString(spec.accessModes),
    spec.persistentVolumeReclaimPolicy ?? '',
    phase,
    claim,
    storageClassOf(obj, spec.storageClassName),
    vac,
    pv.status?.reason ?? '',
    age(obj, now),
    spec.volumeMode ?? '<unset>',
  ];
}

export const persistentVolumeTable: TableConvertor = {
  columns: [
    nameColumn,
    col('Capacity', 'string', "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"),
    col('Access Modes', 'string', 'accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes'),
    col('Reclaim Policy', 'string', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming'),
    col('Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase'),
    col('Claim', 'string', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding'),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col('Reason', 'string', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'),
    ageColumn,
    col('VolumeMode', 'string', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.', 1),
  ],
  row: (obj, now) => printPersistentVolume(obj as unknown as PersistentVolume, now),
};

export function printPersistentVolumeClaim(pvc: PersistentVolumeClaim, now: number): unknown[] {
  const obj = pvc as unknown as KubeObject;
  const spec = pvc.spec ?? {};
  const phase = pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? '');
  let capacity = '';
  let accessModes = '';
  // Capacity and modes show only once the claim names its volume.
  if (spec.volumeName) {
    accessModes = getAccessModesAsString(pvc.status?.accessModes);
    capacity = String(pvc.status?.capacity?.storage ?? '0');
  }
  const vac = (spec as { volumeAttributesClassName?: string }).volumeAttributesClassName ?? '<unset>';
  return [
    name(obj),
    phase,
    spec.volumeName ?? '',
    capacity,
    accessModes,
    storageClassOf(obj, spec.storageClassName),
    vac,
    age(obj, now),
    spec.volumeMode ?? '<unset>',
  ];
}

export const persistentVolumeClaimTable: TableConvertor = {
  columns: [
    nameColumn,
    col('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
    col('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    col('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
    col('Access Modes', 'string', 'accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1'),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    col('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.', 1),
  ],
  row: (obj, now) => printPersistentVolumeClaim(obj as unknown as PersistentVolumeClaim, now),
};
