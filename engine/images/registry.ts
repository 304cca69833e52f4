// The image store a container runtime pulls from (containerd's resolver + content store, reduced
// to a table): references normalized as docker does ("busybox" → docker.io/library/busybox:latest),
// built-in images with their tags, digests and sizes, and containerd's NotFound error otherwise.
import type { Image } from './types.js';
import { busybox } from './busybox/image.js';
import { pauseImage } from './pause/image.js';
import { redis, redisSlaveImage } from './redis/image.js';
import { guestbookFrontend } from './guestbook/frontend.js';
import { nginxImage } from './nginx/image.js';
import { sha256Hex } from './lib/sha256.js';
import { corednsImage, kube2skyImage, skydnsEtcdImage, skydnsImage } from './coredns/image.js';
import { kubeUIImage } from './kube-ui/image.js';

export interface ImageReference {
  /** domain, e.g. "docker.io", "registry.k8s.io". */
  domain: string;
  /** path within the registry ("library/busybox"). */
  path: string;
  tag: string;
  /** full is the normalized reference ("docker.io/library/busybox:latest"). */
  full: string;
}

export interface PulledImage {
  image: Image;
  ref: ImageReference;
  /** tag is the image's own tag that files and versions are computed for. */
  tag: string;
  /** digest is the repo digest (sha256:…) reported in pod status imageID. */
  digest: string;
  /** id is the image id (sha256:…). */
  id: string;
  sizeBytes: number;
}

/** ImagePullError is a failed pull; the kubelet reports it as ErrImagePull / ImagePullBackOff. */
export class ImagePullError extends Error {
  readonly reason = 'ErrImagePull';
  constructor(message: string) {
    super(message);
    this.name = 'ImagePullError';
  }
}

/** parseReference normalizes an image reference as docker's reference.ParseNormalizedNamed does. */
export function parseReference(raw: string): ImageReference {
  let name = raw;
  let tag = 'latest';
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const first = name.split('/')[0]!;
  const hasDomain = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const domain = hasDomain ? first : 'docker.io';
  let path = hasDomain ? name.slice(first.length + 1) : name;
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { domain, path, tag, full: `${domain}/${path}:${tag}` };
}

interface Entry {
  image: Image;
  /** tags accepted under this repository; defaults to the image's tags. */
  tags?: string[];
  /** tagFor maps an alias tag to the image tag whose files it gets. */
  tagFor?: (tag: string) => string;
}

const repositories: Record<string, Entry> = {
  'docker.io/library/busybox': { image: busybox },
  'gcr.io/google_containers/busybox': { image: busybox, tags: ['latest', '1.24'], tagFor: () => 'latest' },
  'registry.k8s.io/pause': { image: pauseImage },
  'k8s.gcr.io/pause': { image: pauseImage },
  'gcr.io/google_containers/pause': { image: pauseImage, tags: ['latest', '2.0', '0.8.0', '3.0'] },
  'docker.io/kubelab/redis': { image: redis },
  'docker.io/library/redis': { image: redis },
  'docker.io/kubeguide/redis-master': { image: redis, tags: ['latest'] },
  'docker.io/kubelab/redis-slave': { image: redisSlaveImage },
  'docker.io/kubeguide/guestbook-redis-slave': { image: redisSlaveImage, tags: ['latest'] },
  'gcr.io/google_samples/gb-redisslave': { image: redisSlaveImage, tags: ['v1', 'v2', 'v3'] },
  'docker.io/kubelab/guestbook-frontend': { image: guestbookFrontend },
  'docker.io/kubeguide/guestbook-php-frontend': { image: guestbookFrontend, tags: ['latest'], tagFor: () => 'v1' },
  'gcr.io/google-samples/gb-frontend': { image: guestbookFrontend, tags: ['v3', 'v4', 'v5'], tagFor: (t) => (t === 'v5' ? 'v2' : 'v1') },
  'docker.io/library/nginx': { image: nginxImage },
  'docker.io/kubelab/nginx': { image: nginxImage },
  'docker.io/kubelab/coredns': { image: corednsImage },
  'docker.io/coredns/coredns': { image: corednsImage, tags: ['latest', '1.11.1', '1.11.3', '1.10.1'], tagFor: () => '1.11' },
  'registry.k8s.io/coredns/coredns': { image: corednsImage, tags: ['v1.11.1', 'v1.11.3', 'v1.10.1'], tagFor: () => '1.11' },
  'gcr.io/google_containers/kube2sky': { image: kube2skyImage },
  'gcr.io/google_containers/skydns': { image: skydnsImage },
  'gcr.io/google_containers/etcd': { image: skydnsEtcdImage },
  'docker.io/kubelab/kube-ui': { image: kubeUIImage },
  'gcr.io/google_containers/kube-ui': { image: kubeUIImage, tags: ['v1', 'v1.1', 'v2', 'v3', 'v4', 'v5'] },
  'docker.gaoxiaobang.com/kubernetes/kube-ui': { image: kubeUIImage, tags: ['v5'] },
};

/** builtinImages lists each distinct image once. */
export const builtinImages: Image[] = [...new Set(Object.values(repositories).map((e) => e.image))];

function notFound(ref: ImageReference): ImagePullError {
  return new ImagePullError(
    `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`,
  );
}

/** pullImage resolves a pod's image reference; it throws ImagePullError for unknown names or tags. */
export function pullImage(raw: string): PulledImage {
  const ref = parseReference(raw);
  const entry = repositories[`${ref.domain}/${ref.path}`];
  if (!entry) throw notFound(ref);
  const tags = entry.tags ?? entry.image.tags;
  if (!tags.includes(ref.tag)) throw notFound(ref);
  const tag = entry.tagFor ? entry.tagFor(ref.tag) : ref.tag;
  return {
    image: entry.image,
    ref,
    tag,
    digest: `sha256:${sha256Hex(`manifest ${ref.full}`)}`,
    id: `sha256:${sha256Hex(`config ${entry.image.name}:${tag}`)}`,
    sizeBytes: entry.image.sizeBytes,
  };
}

/** imageTag is the tag a reference asks for after normalization ("nginx" → "latest"). */
export function imageTag(raw: string): string {
  return parseReference(raw).tag;
}
