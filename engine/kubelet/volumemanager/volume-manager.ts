// Mirrors pkg/kubelet/volumemanager/volume_manager.go (WaitForAttachAndMount, GetMountedVolumesForPod,
// WaitForUnmount) with the reconciler's mount/unmount reduced to direct calls, and the periodic
// remount that keeps secret and configMap files in step with their objects. The mount table is
// what `mount` on the node would list under /var/lib/kubelet/pods/<uid>/volumes.
import type { Pod } from '../../api/core/v1/types.js';
import type { FileSystem } from '../../images/types.js';
import type { EventRecorder } from '../../client/tools/record/event.js';
import { FailedMountVolume } from '../events/event.js';
import { setUpVolume, type MountedVolume, type VolumeHost } from './plugins/plugins.js';

export interface MountEntry {
  podUID: string;
  podName: string;
  namespace: string;
  volume: string;
  plugin: string;
  /** path is where the kubelet keeps the volume on the node. */
  path: string;
  readOnly: boolean;
}

export class VolumeManager {
  private readonly mounted = new Map<string, Map<string, MountedVolume>>();
  private readonly table = new Map<string, MountEntry[]>();

  constructor(
    private readonly host: VolumeHost,
    private readonly recorder: EventRecorder,
  ) {}

  /**
   * waitForAttachAndMount mounts every volume of the pod not yet mounted. A failing volume records
   * FailedMount and the call throws, so the pod worker retries on its next sync.
   */
  async waitForAttachAndMount(pod: Pod): Promise<void> {
    const uid = pod.metadata.uid ?? '';
    const vols = this.mounted.get(uid) ?? new Map<string, MountedVolume>();
    this.mounted.set(uid, vols);
    const failed: string[] = [];
    for (const v of pod.spec?.volumes ?? []) {
      if (vols.has(v.name)) continue;
      try {
        const m = await setUpVolume(v, pod, this.host);
        vols.set(v.name, m);
        const entries = this.table.get(uid) ?? [];
        entries.push({ podUID: uid, podName: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? '', volume: v.name, plugin: m.plugin, path: `/var/lib/kubelet/pods/${uid}/volumes/${m.plugin.replace('/', '~')}/${v.name}`, readOnly: m.readOnly });
        this.table.set(uid, entries);
      } catch (err) {
        failed.push(v.name);
        this.recorder.event(pod, 'Warning', FailedMountVolume, `MountVolume.SetUp failed for volume "${v.name}" : ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (failed.length > 0) {
      const all = (pod.spec?.volumes ?? []).map((v) => v.name).filter((n) => !vols.has(n));
      throw new Error(`unmounted volumes=[${all.join(' ')}], unattached volumes=[${all.join(' ')}]: timed out waiting for the condition`);
    }
  }

  /** getMountedVolumesForPod returns each volume's tree by name (the container mounts use it). */
  getMountedVolumesForPod(uid: string): Map<string, FileSystem> {
    return new Map([...(this.mounted.get(uid) ?? new Map<string, MountedVolume>())].map(([k, v]) => [k, v.fs]));
  }

  /** remount refreshes secret/configMap/projected contents of a running pod (the periodic resync). */
  async remount(pod: Pod): Promise<void> {
    for (const m of this.mounted.get(pod.metadata.uid ?? '')?.values() ?? []) {
      try {
        await m.refresh?.();
      } catch {
        // A deleted source keeps the last files, as upstream does.
      }
    }
  }

  /** unmountVolumes tears a terminated pod's volumes down (emptyDir contents are lost). */
  unmountVolumes(uid: string): void {
    this.mounted.delete(uid);
    this.table.delete(uid);
  }

  /** mountTable lists every mounted volume on the node. */
  mountTable(): MountEntry[] {
    return [...this.table.values()].flat();
  }
}
