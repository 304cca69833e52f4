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

/** cycleImages is what one cycle knows of the pod's images: names, and per image the share of nodes holding it. */
interface CycleImages {
  images: string[];
  containers: number;
  spreads: Map<string, number>;
}

export class ImageLocalityPlugin implements ScorePlugin {
  constructor(private readonly handle: Handle) {}

  name(): string {
    return Name;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null } {
    const c = this.cycleImages(state, pod);
    const held = imageSizes(nodeInfo);
    let sum = 0;
    if (held.size > 0) {
      for (const image of c.images) {
        const size = held.get(image);
        if (size === undefined) continue;
        sum += Math.trunc(size * this.spread(c, image));
      }
    }
    const maxThreshold = maxContainerThreshold * Math.max(1, c.containers);
    const clamped = Math.min(Math.max(sum, minThreshold), maxThreshold);
    return { score: Math.trunc((MaxNodeScore * (clamped - minThreshold)) / (maxThreshold - minThreshold)), status: null };
  }

  /** cycleImages normalizes the pod's image names once per cycle (init containers first, as upstream). */
  private cycleImages(state: CycleState, pod: Pod): CycleImages {
    let c = state.read<CycleImages>(cycleStateKey);
    if (c) return c;
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    c = { images: containers.filter((x) => x.image).map((x) => normalizedImageName(x.image!)), containers: containers.length, spreads: new Map() };
    state.write(cycleStateKey, c);
    return c;
  }

  /**
   * spread is the share of nodes that hold an image. Upstream keeps that count in the cache's
   * image states; here it is counted once per cycle and image, and only once some scored node
   * holds the image (counting it for every scored node made a cycle quadratic in the node count).
   */
  private spread(c: CycleImages, image: string): number {
    let spread = c.spreads.get(image);
    if (spread !== undefined) return spread;
    const all = this.handle.snapshotSharedLister().list();
    let holders = 0;
    for (const n of all) if (imageSizes(n).has(image)) holders++;
    c.spreads.set(image, (spread = holders / Math.max(1, all.length)));
    return spread;
  }
}

const cycleStateKey = 'ImageLocality/images';

/**
 * imagesByNode holds, per Node object, its images by normalized name (upstream's
 * NodeInfo.ImageStates): a node's image list changes only with a new Node object, and scoring
 * reads it for every node of every cycle.
 */
const imagesByNode = new WeakMap<object, Map<string, number>>();
const noImages = new Map<string, number>();

/** imageSizes maps a node's normalized image names to their sizes; the first entry naming an image wins. */
function imageSizes(n: NodeInfo): Map<string, number> {
  const node = n.node;
  const list = node?.status?.images;
  if (!node || !list || list.length === 0) return noImages;
  let m = imagesByNode.get(node);
  if (m) return m;
  m = new Map();
  for (const i of list) {
    for (const name of i.names ?? []) {
      const key = normalizedImageName(name);
      if (!m.has(key)) m.set(key, i.sizeBytes ?? 0);
    }
  }
  imagesByNode.set(node, m);
  return m;
}

export const New = (_args: unknown, h: Handle) => new ImageLocalityPlugin(h) satisfies ScorePlugin;
