// Mirrors pkg/controller/statefulset/stateful_set_control.go (defaultStatefulSetControl.UpdateStatefulSet)
// and stateful_pod_control.go: create missing ordinals with their claims, replace failed pods,
// OrderedReady (one at a time, lowest first; scale down from the highest) or Parallel, rolling
// updates from the highest ordinal down to the partition, then the status. Simplified: pods below
// the partition are recreated at the update revision (no ControllerRevision history), and no
// maxUnavailable or minReadySeconds for updates.
import type { StatefulSet, StatefulSetStatus } from '../../api/apps/v1/types.js';
import type { PersistentVolumeClaim, Pod } from '../../api/core/v1/types.js';
import { isAlreadyExists, isNotFound } from '../../apimachinery/api/errors/errors.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { Lister } from '../../client/tools/cache/listers.js';
import { EventTypeNormal, EventTypeWarning, type EventRecorder } from '../../client/tools/record/event.js';
import type { Clock } from '../../util/clock.js';
import { errMessage, isPodAvailable } from '../controller-utils.js';
import {
  getOrdinal,
  getPersistentVolumeClaims,
  getPodName,
  getPodRevision,
  getUpdateRevision,
  isFailed,
  isHealthy,
  isRunningAndReady,
  isTerminating,
  newStatefulSetPod,
} from './stateful-set-utils.js';

export class StatefulSetControl {
  constructor(
    private readonly clientset: Clientset,
    private readonly recorder: EventRecorder,
    private readonly claimLister: Lister<PersistentVolumeClaim>,
    private readonly clock: Clock,
  ) {}

  /** updateStatefulSet performs one step toward the set's spec and returns the new status. */
  async updateStatefulSet(set: StatefulSet, pods: Pod[]): Promise<StatefulSetStatus> {
    const spec = set.spec!;
    const replicaCount = spec.replicas ?? 1;
    const monotonic = (spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
    const updateRevision = getUpdateRevision(set);
    const currentRevision = set.status?.currentRevision || updateRevision;

    const replicas: (Pod | undefined)[] = new Array(replicaCount).fill(undefined);
    const condemned: Pod[] = [];
    for (const pod of pods) {
      const ord = getOrdinal(pod, set);
      if (ord >= 0 && ord < replicaCount) replicas[ord] = pod;
      else if (ord >= replicaCount) condemned.push(pod);
    }
    condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));
    const status = this.computeStatus(set, pods, currentRevision, updateRevision);

    // Replace failed pods and create missing ones, lowest ordinal first.
    for (let ord = 0; ord < replicaCount; ord++) {
      let pod = replicas[ord];
      if (pod && isFailed(pod) && !isTerminating(pod)) {
        await this.deletePod(set, pod);
        if (monotonic) return status;
        pod = replicas[ord] = undefined;
      }
      if (!pod) {
        await this.createPod(set, ord);
        if (monotonic) return status;
        continue;
      }
      // OrderedReady waits for each pod to be Running and Ready before the next.
      if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod))) return status;
    }

    // Scale down from the highest ordinal.
    for (const pod of condemned) {
      if (isTerminating(pod)) {
        if (monotonic) return status;
        continue;
      }
      if (monotonic && replicas.some((p) => !p || !isHealthy(p))) return status;
      await this.deletePod(set, pod);
      if (monotonic) return status;
    }

    // Rolling update: delete the highest outdated pod at or above the partition; it is recreated.
    if ((spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      for (let ord = replicaCount - 1; ord >= partition; ord--) {
        const pod = replicas[ord];
        if (!pod) return status;
        if (getPodRevision(pod) !== updateRevision && !isTerminating(pod)) {
          await this.deletePod(set, pod);
          return status;
        }
        if (!isHealthy(pod)) return status; // wait for the updated pod to become ready
      }
    }
    return status;
  }

  computeStatus(set: StatefulSet, pods: Pod[], currentRevision: string, updateRevision: string): StatefulSetStatus {
    const now = this.clock.now();
    const live = pods.filter((p) => !isTerminating(p));
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata.generation,
      replicas: live.length,
      readyReplicas: live.filter(isRunningAndReady).length,
      availableReplicas: live.filter((p) => isRunningAndReady(p) && isPodAvailable(p, set.spec?.minReadySeconds ?? 0, now)).length,
      currentReplicas: live.filter((p) => getPodRevision(p) === currentRevision).length,
      updatedReplicas: live.filter((p) => getPodRevision(p) === updateRevision).length,
      currentRevision,
      updateRevision,
      collisionCount: set.status?.collisionCount ?? 0,
    };
    // Once every replica runs the update revision it becomes the current one.
    const want = set.spec?.replicas ?? 1;
    if (status.updatedReplicas === want && status.readyReplicas === want && status.replicas === want) {
      status.currentRevision = updateRevision;
      status.currentReplicas = status.updatedReplicas;
    }
    return status;
  }

  /** createPod creates the claims the pod needs, then the pod (StatefulPodControl.CreateStatefulPod). */
  private async createPod(set: StatefulSet, ordinal: number): Promise<void> {
    const podName = getPodName(set, ordinal);
    const ns = set.metadata.namespace ?? 'default';
    for (const claim of getPersistentVolumeClaims(set, ordinal).values()) {
      const name = claim.metadata.name ?? '';
      if (this.claimExists(ns, name)) continue;
      try {
        await this.clientset.coreV1().persistentVolumeClaims(ns).create(claim);
        this.recorder.eventf(set, EventTypeNormal, 'SuccessfulCreate', 'create Claim %s Pod %s in StatefulSet %s success', name, podName, set.metadata.name);
      } catch (err) {
        if (isAlreadyExists(err)) continue;
        this.recorder.eventf(set, EventTypeWarning, 'FailedCreate', 'create Claim %s for Pod %s in StatefulSet %s failed error: %s', name, podName, set.metadata.name, errMessage(err));
        throw err;
      }
    }
    try {
      await this.clientset.coreV1().pods(ns).create(newStatefulSetPod(set, ordinal));
      this.recorder.eventf(set, EventTypeNormal, 'SuccessfulCreate', 'create Pod %s in StatefulSet %s successful', podName, set.metadata.name);
    } catch (err) {
      if (isAlreadyExists(err)) return;
      this.recorder.eventf(set, EventTypeWarning, 'FailedCreate', 'create Pod %s in StatefulSet %s failed error: %s', podName, set.metadata.name, errMessage(err));
      throw err;
    }
  }

  private claimExists(ns: string, name: string): boolean {
    try {
      this.claimLister.get(ns, name);
      return true;
    } catch {
      return false;
    }
  }

  private async deletePod(set: StatefulSet, pod: Pod): Promise<void> {
    const name = pod.metadata.name ?? '';
    try {
      await this.clientset.coreV1().pods(pod.metadata.namespace ?? 'default').delete(name);
      this.recorder.eventf(set, EventTypeNormal, 'SuccessfulDelete', 'delete Pod %s in StatefulSet %s successful', name, set.metadata.name);
    } catch (err) {
      if (isNotFound(err)) return;
      this.recorder.eventf(set, EventTypeWarning, 'FailedDelete', 'delete Pod %s in StatefulSet %s failed error: %s', name, set.metadata.name, errMessage(err));
      throw err;
    }
  }
}
