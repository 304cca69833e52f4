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

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null } {
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    const spreads = this.spreads(state, containers.map((c) => c.image));
    let sum = 0;
    for (const c of containers) {
      if (!c.image) continue;
      const here = imageOn(nodeInfo, normalizedImageName(c.image));
      if (!here) continue;
      sum += Math.trunc((here.sizeBytes ?? 0) * (spreads.get(normalizedImageName(c.image)) ?? 0));
    }
    const maxThreshold = maxContainerThreshold * Math.max(1, containers.length);
    const clamped = Math.min(Math.max(sum, minThreshold), maxThreshold);
    return { score: Math.trunc((MaxNodeScore * (clamped - minThreshold)) / (maxThreshold - minThreshold)), status: null };
  }

  /**
   * spreads is, per image of the pod, the share of nodes that hold it. Upstream keeps that count
   * in the cache's image states; here it is counted once per cycle (counting it for every scored
   * node made a cycle quadratic in the node count).
   */
  private spreads(state: CycleState, images: (string | undefined)[]): Map<string, number> {
    let spreads = state.read<Map<string, number>>(spreadStateKey);
    if (spreads) return spreads;
    spreads = new Map();
    const all = this.handle.snapshotSharedLister().list();
    for (const raw of images) {
      if (!raw) continue;
      const image = normalizedImageName(raw);
      if (spreads.has(image)) continue;
      let holders = 0;
      for (const n of all) if (imageOn(n, image)) holders++;
      spreads.set(image, holders / Math.max(1, all.length));
    }
    state.write(spreadStateKey, spreads);
    return spreads;
  }
}

const spreadStateKey = 'ImageLocality/spreads';

/** imageOn finds the node's entry (node.status.images) for a normalized image name. */
function imageOn(n: NodeInfo, image: string): { sizeBytes?: number } | undefined {
  for (const i of n.node?.status?.images ?? []) for (const name of i.names ?? []) if (normalizedImageName(name) === image) return i;
  return undefined;
}

export const New = (_args: unknown, h: Handle) => new ImageLocalityPlugin(h) satisfies ScorePlugin;
