// Mirrors the status half of pkg/kubelet/kubelet_pods.go: generateAPIPodStatus, getPhase and
// convertToAPIContainerStatuses — turning what the runtime knows (container instances, sandbox IP)
// plus the reason cache and probe results into the PodStatus the API shows.
import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodPhase, PodStatus as APIPodStatus } from '../api/core/v1/types.js';
import type { ContainerStatus as CRIContainerStatus } from './cri/api.js';
import { findContainerStatuses, type PodStatus, type ReasonCache } from './container/runtime.js';
import {
  generateContainersReadyCondition, generatePodInitializedCondition, generatePodReadyCondition, generatePodReadyToStartContainersCondition,
} from './status/generate.js';
import { rfc3339 } from './util/format.js';

export interface StatusInputs {
  pod: Pod;
  podStatus: PodStatus;
  oldStatus: APIPodStatus;
  podIsTerminal: boolean;
  reasons: ReasonCache;
  hostIP: string;
  now: number;
  /** ready and started are the prober's results by container ID. */
  ready(containerID: string, container: Container): boolean;
  started(containerID: string, container: Container): boolean;
  /** imageName normalizes an image as the runtime reports it; imageID its repo digest. */
  imageName(image: string): string;
  imageID(image: string): string;
}

/** generateAPIPodStatus builds the pod's status from the runtime's view. */
export function generateAPIPodStatus(inputs: StatusInputs): APIPodStatus {
  const { pod, podStatus, oldStatus } = inputs;
  const hasInit = (pod.spec?.initContainers?.length ?? 0) > 0;
  const initStatuses = convertToAPIContainerStatuses(inputs, pod.spec?.initContainers ?? [], hasInit);
  const appStatuses = convertToAPIContainerStatuses(inputs, pod.spec?.containers ?? [], hasInit).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const phase = getPhase(pod, initStatuses, appStatuses, inputs.podIsTerminal);
  const sandboxReady = podStatus.sandboxStatuses[0]?.state === 'SANDBOX_READY';
  const conditions: PodCondition[] = [];
  conditions.push(generatePodReadyToStartContainersCondition(sandboxReady));
  conditions.push(generatePodInitializedCondition(pod, initStatuses, appStatuses, phase));
  const ready = generatePodReadyCondition(pod, appStatuses, phase, oldStatus.conditions ?? []);
  conditions.push(ready, { ...generateContainersReadyCondition(pod, appStatuses, phase) });
  for (const c of oldStatus.conditions ?? []) if (!conditions.some((x) => x.type === c.type)) conditions.push(c);
  const stamp = rfc3339(inputs.now);
  for (const c of conditions) {
    const old = oldStatus.conditions?.find((x) => x.type === c.type);
    c.lastProbeTime = null;
    c.lastTransitionTime = old && old.status === c.status ? old.lastTransitionTime ?? stamp : c.lastTransitionTime ?? stamp;
  }
  const order = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];
  conditions.sort((a, b) => rank(order, a.type) - rank(order, b.type));
  const ips = podStatus.ips.length ? podStatus.ips : inputs.podIsTerminal ? (oldStatus.podIPs ?? []).map((p) => p.ip) : [];
  const status: APIPodStatus = {
    phase,
    conditions,
    hostIP: inputs.hostIP,
    hostIPs: [{ ip: inputs.hostIP }],
    ...(ips.length ? { podIP: ips[0], podIPs: ips.map((ip) => ({ ip })) } : {}),
    startTime: oldStatus.startTime ?? stamp,
    ...(initStatuses.length ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: appStatuses,
    ...(oldStatus.qosClass ? { qosClass: oldStatus.qosClass } : {}),
  };
  if (oldStatus.nominatedNodeName) status.nominatedNodeName = oldStatus.nominatedNodeName;
  return status;
}

function rank(order: string[], t: string): number {
  const i = order.indexOf(t);
  return i < 0 ? order.length : i;
}

function terminatedState(c: CRIContainerStatus): ContainerState {
  return {
    terminated: {
      exitCode: c.exitCode,
      reason: c.reason || (c.exitCode === 0 ? 'Completed' : 'Error'),
      ...(c.message ? { message: c.message } : {}),
      startedAt: rfc3339(c.startedAt || c.createdAt),
      finishedAt: rfc3339(c.finishedAt),
      containerID: `containerd://${c.id}`,
    },
  };
}

function convertToAPIContainerStatuses(inputs: StatusInputs, containers: Container[], hasInit: boolean): ContainerStatus[] {
  const { pod, podStatus, reasons } = inputs;
  const uid = pod.metadata.uid ?? '';
  const defaultReason = hasInit ? 'PodInitializing' : 'ContainerCreating';
  return containers.map((container) => {
    const instances = findContainerStatuses(podStatus, container.name);
    const latest = instances[0];
    const cached = reasons.get(uid, container.name);
    const status: ContainerStatus = {
      name: container.name,
      state: { waiting: { reason: defaultReason } },
      lastState: {},
      ready: false,
      restartCount: 0,
      image: inputs.imageName(container.image ?? ''),
      imageID: '',
      started: false,
    };
    if (!latest) {
      if (cached) status.state = { waiting: { reason: cached.reason, ...(cached.message ? { message: cached.message } : {}) } };
      return withLostContainer(status, oldStatusOf(inputs, container.name), defaultReason, !!pod.metadata.deletionTimestamp);
    }
    status.restartCount = latest.metadata.attempt;
    status.imageID = inputs.imageID(container.image ?? '');
    status.containerID = `containerd://${latest.id}`;
    const previous = instances.find((c, i) => i > 0 && c.state === 'CONTAINER_EXITED');
    if (previous) status.lastState = terminatedState(previous);
    switch (latest.state) {
      case 'CONTAINER_RUNNING':
        status.state = { running: { startedAt: rfc3339(latest.startedAt) } };
        status.started = inputs.started(latest.id, container);
        status.ready = status.started && inputs.ready(latest.id, container);
        break;
      case 'CONTAINER_EXITED':
        status.state = terminatedState(latest);
        // A container waiting to be restarted shows why it waits, and its last run in lastState.
        if (cached && !inputs.podIsTerminal) {
          status.lastState = status.state;
          status.state = { waiting: { reason: cached.reason, ...(cached.message ? { message: cached.message } : {}) } };
        }
        break;
      default:
        status.state = { waiting: { reason: cached?.reason ?? 'ContainerCreating', ...(cached?.message ? { message: cached.message } : {}) } };
    }
    return status;
  });
}

function oldStatusOf(inputs: StatusInputs, name: string): ContainerStatus | undefined {
  const { oldStatus } = inputs;
  return [...(oldStatus.containerStatuses ?? []), ...(oldStatus.initContainerStatuses ?? [])].find((c) => c.name === name);
}

/**
 * withLostContainer fills in a container the runtime has no instance of from its last API status,
 * as upstream's convertToAPIContainerStatuses does: a terminated one stays as it was; otherwise the
 * restart count and last state carry over, and one that was running — its instance gone with a
 * restarted node or runtime — is shown as stopped (ContainerStatusUnknown, 137) and counted as a
 * restart, so the pod does not fall back to Pending while its container is started again.
 */
function withLostContainer(status: ContainerStatus, old: ContainerStatus | undefined, defaultReason: string, deleting: boolean): ContainerStatus {
  if (!old) return status;
  if (old.state?.terminated) return { ...old };
  status.restartCount = old.restartCount ?? 0;
  status.lastState = old.lastState ?? {};
  if (!old.state?.running || status.state?.waiting?.reason !== defaultReason || status.lastState.terminated) return status;
  status.lastState = { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' } };
  if (!deleting) status.restartCount += 1;
  return status;
}

/** getPhase is upstream's: Pending until containers run, Running, then Succeeded or Failed. */
export function getPhase(pod: Pod, initStatuses: ContainerStatus[], statuses: ContainerStatus[], podIsTerminal: boolean): PodPhase {
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let failedInitialization = 0;
  for (const c of pod.spec?.initContainers ?? []) {
    const s = initStatuses.find((x) => x.name === c.name);
    if (!s) pendingInit++;
    else if (s.state?.running) pendingInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingInit++;
    } else pendingInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of pod.spec?.containers ?? []) {
    const s = statuses.find((x) => x.name === c.name);
    if (!s) unknown++;
    else if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  if (failedInitialization > 0 && restartPolicy === 'Never') return 'Failed';
  if (pendingInit > 0 || failedInitialization > 0) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (restartPolicy === 'Always' && !podIsTerminal) return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never' || podIsTerminal) return 'Failed';
    return 'Running';
  }
  return 'Pending';
}
