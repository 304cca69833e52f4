// Mirrors pkg/scheduler/framework/plugins/imagelocality/image_locality.go: prefer nodes that
// already hold the pod's images (node.status.images), scaled by how many nodes share each image.
import type { Pod } from '../../../../api/core/v1/types.js';
import { MaxNodeScore, type Handle, type ScorePlugin, type Status } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';
import * as names from '../names/names.js';

export const Name = names.ImageLocality;
const mb = 1024 * 1024;
const minThreshold = 23 * mb;
const maxContainerThreshold = 1000 * mb;

/** normalizedImageName adds the ":latest" tag an untagged reference means. */
export function normalizedImageName(name: string): string {
  const lastSlash = name.lastIndexOf('/');
  return name.slice(lastSlash + 1).includes(':') || name.includes('@') ? name : `${name}:latest`;
}

export class ImageLocalityPlugin implements ScorePlugin {
  constructor(private readonly handle: Handle) {}

  name(): string {
    return Name;
  }

  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null } {
    const all = this.handle.snapshotSharedLister().list();
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    let sum = 0;
    for (const c of containers) {
      if (!c.image) continue;
      const image = normalizedImageName(c.image);
      const has = (n: NodeInfo) => (n.node?.status?.images ?? []).find((i) => (i.names ?? []).map(normalizedImageName).includes(image));
      const here = has(nodeInfo);
      if (!here) continue;
      const spread = all.filter((n) => has(n)).length / Math.max(1, all.length);
      sum += Math.trunc((here.sizeBytes ?? 0) * spread);
    }
    const maxThreshold = maxContainerThreshold * Math.max(1, containers.length);
    const clamped = Math.min(Math.max(sum, minThreshold), maxThreshold);
    return { score: Math.trunc((MaxNodeScore * (clamped - minThreshold)) / (maxThreshold - minThreshold)), status: null };
  }
}

export const New = (_args: unknown, h: Handle) => new ImageLocalityPlugin(h) satisfies ScorePlugin;
