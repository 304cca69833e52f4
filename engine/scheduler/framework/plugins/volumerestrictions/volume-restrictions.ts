// Mirrors pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions.go: the books'
// NoDiskConflict — two pods may not mount the same GCE PD / AWS EBS / RBD / iSCSI disk on one node
// unless every mount is read-only (EBS never shares). ReadWriteOncePod claims are left out.
import type { Pod, Volume } from '../../../../api/core/v1/types.js';
import { Code, Status, type FilterPlugin, type Handle, type PreFilterPlugin } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';
import * as names from '../names/names.js';

export const Name = names.VolumeRestrictions;
export const ErrReasonDiskConflict = 'node(s) had no available disk';

/** The cloud disk sources are not in our typed VolumeSource; they are read loosely. */
type LooseVolume = Volume & {
  gcePersistentDisk?: { pdName: string; readOnly?: boolean };
  awsElasticBlockStore?: { volumeID: string };
  rbd?: { monitors?: string[]; pool?: string; image: string; readOnly?: boolean };
  iscsi?: { targetPortal: string; iqn: string; lun: number; readOnly?: boolean };
};

/** isVolumeConflict mirrors upstream's isVolumeConflict for one volume against a pod. */
export function isVolumeConflict(volume: Volume, pod: Pod): boolean {
  const v = volume as LooseVolume;
  for (const other of (pod.spec?.volumes ?? []) as LooseVolume[]) {
    if (v.gcePersistentDisk && other.gcePersistentDisk) {
      const a = v.gcePersistentDisk;
      const b = other.gcePersistentDisk;
      if (a.pdName === b.pdName && !(a.readOnly && b.readOnly)) return true;
    }
    if (v.awsElasticBlockStore && other.awsElasticBlockStore && v.awsElasticBlockStore.volumeID === other.awsElasticBlockStore.volumeID) return true;
    if (v.iscsi && other.iscsi) {
      const a = v.iscsi;
      const b = other.iscsi;
      if (a.iqn === b.iqn && !(a.readOnly && b.readOnly)) return true;
    }
    if (v.rbd && other.rbd) {
      const a = v.rbd;
      const b = other.rbd;
      const sharesMonitor = (a.monitors ?? []).some((m) => (b.monitors ?? []).includes(m));
      if (sharesMonitor && a.pool === b.pool && a.image === b.image && !(a.readOnly && b.readOnly)) return true;
    }
  }
  return false;
}

/** needsRestrictionsCheck: only these disks can conflict (upstream's PreFilter skips pods without one). */
function needsRestrictionsCheck(volume: Volume): boolean {
  const v = volume as LooseVolume;
  return !!(v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi);
}

export class VolumeRestrictionsPlugin implements PreFilterPlugin, FilterPlugin {
  name(): string {
    return Name;
  }

  /** preFilter skips Filter for a pod mounting none of the disks that can conflict, as upstream. */
  preFilter(_state: CycleState, pod: Pod): { status: Status | null } {
    if (!(pod.spec?.volumes ?? []).some(needsRestrictionsCheck)) return { status: new Status(Code.Skip) };
    return { status: null };
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    for (const v of pod.spec?.volumes ?? []) {
      if (!needsRestrictionsCheck(v)) continue;
      for (const existing of nodeInfo.pods) if (isVolumeConflict(v, existing.pod)) return new Status(Code.Unschedulable, ErrReasonDiskConflict);
    }
    return null;
  }
}

export const New = (_args: unknown, _h: Handle) => new VolumeRestrictionsPlugin() satisfies FilterPlugin;
