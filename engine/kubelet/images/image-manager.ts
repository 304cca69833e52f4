// Mirrors pkg/kubelet/images/image_manager.go: EnsureImageExists honours imagePullPolicy, pulls
// through the CRI image service, records Pulling/Pulled/Failed/BackOff events, and backs off failed
// pulls per pod and image (ErrImagePull, then ImagePullBackOff until the back-off expires).
// Simplified: pulls are serial and instant, so durations print as 0s.
import type { Container, ObjectReference, Pod } from '../../api/core/v1/types.js';
import type { EventRecorder } from '../../client/tools/record/event.js';
import type { Clock } from '../../util/clock.js';
import type { ImageService } from '../cri/api.js';
import { Backoff } from '../util/backoff.js';
import * as events from '../events/event.js';

export const ErrImagePull = 'ErrImagePull';
export const ErrImagePullBackOff = 'ImagePullBackOff';
export const ErrImageNeverPull = 'ErrImageNeverPull';
export const ErrInvalidImageName = 'InvalidImageName';

export interface EnsureResult {
  imageRef?: string;
  /** err is the waiting reason when the image is not there. */
  err?: string;
  message?: string;
}

type RefObject = { apiVersion?: string; kind?: string; metadata: { name?: string; namespace?: string; uid?: string } };

export class ImageManager {
  readonly backOff: Backoff;

  constructor(
    private readonly imageService: ImageService,
    private readonly recorder: EventRecorder,
    clock: Clock,
  ) {
    this.backOff = new Backoff(clock, 10_000, 300_000);
  }

  async ensureImageExists(ref: RefObject, pod: Pod, container: Container): Promise<EnsureResult> {
    const image = container.image ?? '';
    if (!image) {
      const msg = `Failed to apply default image tag "": couldn't parse image name "": invalid reference format`;
      this.recorder.event(ref, 'Warning', events.FailedToInspectImage, msg);
      return { err: ErrInvalidImageName, message: msg };
    }
    const present = this.imageService.imageStatus(image);
    const policy = container.imagePullPolicy ?? 'IfNotPresent';
    const shouldPull = policy === 'Always' || (policy === 'IfNotPresent' && !present);
    if (!shouldPull) {
      if (present) {
        this.recorder.event(ref, 'Normal', events.PulledImage, `Container image "${image}" already present on machine`);
        return { imageRef: present.id };
      }
      const msg = `Container image "${image}" is not present with pull policy of Never`;
      this.recorder.event(ref, 'Warning', events.ErrImageNeverPullPolicy, msg);
      return { err: ErrImageNeverPull, message: msg };
    }
    const backOffKey = `${pod.metadata.uid ?? ''}_${image}`;
    const now = this.backOff.clock.now();
    if (this.backOff.isInBackOffSinceUpdate(backOffKey, now)) {
      const msg = `Back-off pulling image "${image}"`;
      this.recorder.event(ref, 'Normal', events.BackOffPullImage, msg);
      return { err: ErrImagePullBackOff, message: msg };
    }
    this.recorder.event(ref, 'Normal', events.PullingImage, `Pulling image "${image}"`);
    try {
      const imageRef = await this.imageService.pullImage(image);
      const size = this.imageService.imageStatus(image)?.size ?? 0;
      this.recorder.event(ref, 'Normal', events.PulledImage, `Successfully pulled image "${image}" in 0s (0s including waiting). Image size: ${size} bytes.`);
      return { imageRef };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.recorder.event(ref, 'Warning', events.FailedToPullImage, `Failed to pull image "${image}": ${message}`);
      this.backOff.next(backOffKey, this.backOff.clock.now());
      return { err: ErrImagePull, message };
    }
  }
}

/** containerRef is kubecontainer.GenerateContainerRef: the pod with fieldPath spec.containers{name}. */
export function containerRef(pod: Pod, container: Container, init = false): ObjectReference & RefObject {
  const fieldPath = `spec.${init ? 'initContainers' : 'containers'}{${container.name}}`;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    resourceVersion: pod.metadata.resourceVersion,
    fieldPath,
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
  };
}
