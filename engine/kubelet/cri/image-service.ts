// Mirrors containerd's CRI image service (internal/cri/server/images): PullImage resolves a
// reference in the built-in registry and keeps it in the node's image store; ListImages and
// ImageStatus read that store. Simplified: no layers, no auth, pulls complete at once.
import type { Image as BuiltinImage } from '../../images/types.js';
import { parseReference, pullImage as registryPull, type PulledImage } from '../../images/registry.js';
import type { Image, ImageService } from './api.js';

/** PullFunc resolves a reference; tests inject extra images through it. */
export type PullFunc = (ref: string) => PulledImage;

export class LocalImageService implements ImageService {
  /** byRef holds pulled images by normalized reference ("docker.io/library/busybox:latest"). */
  private readonly byRef = new Map<string, PulledImage>();

  constructor(private readonly pull: PullFunc = registryPull) {}

  listImages(): Image[] {
    const byId = new Map<string, Image>();
    for (const p of this.byRef.values()) {
      const img = byId.get(p.id) ?? { id: p.id, repoTags: [], repoDigests: [], size: p.sizeBytes };
      img.repoTags.push(p.ref.full);
      img.repoDigests.push(`${p.ref.domain}/${p.ref.path}@${p.digest}`);
      byId.set(p.id, img);
    }
    return [...byId.values()];
  }

  imageStatus(image: string): Image | undefined {
    const p = this.byRef.get(parseReference(image).full);
    if (!p) return undefined;
    return { id: p.id, repoTags: [p.ref.full], repoDigests: [`${p.ref.domain}/${p.ref.path}@${p.digest}`], size: p.sizeBytes };
  }

  async pullImage(image: string): Promise<string> {
    const pulled = this.pull(image);
    this.byRef.set(pulled.ref.full, pulled);
    return pulled.id;
  }

  removeImage(image: string): void {
    this.byRef.delete(parseReference(image).full);
  }

  /** resolve finds a pulled image for the runtime service (the content store lookup). */
  resolve(image: string): { image: BuiltinImage; tag: string; pulled: PulledImage } | undefined {
    const p = this.byRef.get(parseReference(image).full);
    return p && { image: p.image, tag: p.tag, pulled: p };
  }

  /** repoDigest is what pod status reports as imageID ("docker.io/library/busybox@sha256:…"). */
  repoDigest(image: string): string {
    const p = this.byRef.get(parseReference(image).full);
    return p ? `${p.ref.domain}/${p.ref.path}@${p.digest}` : '';
  }
}
