// Mirrors pkg/kubelet/status/generate.go: the pod conditions the kubelet owns — ContainersReady,
// Ready, Initialized and PodReadyToStartContainers — with upstream's reasons and messages
// ("containers with unready status: [web]").
import type { ContainerStatus, Pod, PodCondition, PodPhase } from '../../api/core/v1/types.js';

export const UnknownContainerStatuses = 'UnknownContainerStatuses';
export const PodCompleted = 'PodCompleted';
export const PodFailed = 'PodFailed';
export const ContainersNotReady = 'ContainersNotReady';
export const ContainersNotInitialized = 'ContainersNotInitialized';
export const ReadinessGatesNotReady = 'ReadinessGatesNotReady';

/** goList prints a string slice as Go's %s does: "[a b]". */
const goList = (names: string[]) => `[${names.join(' ')}]`;

function find(statuses: ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

export function generateContainersReadyCondition(pod: Pod, statuses: ContainerStatus[] | undefined, phase: PodPhase): PodCondition {
  if (!statuses) return { type: 'ContainersReady', status: 'False', reason: UnknownContainerStatuses };
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const c of pod.spec?.containers ?? []) {
    const s = find(statuses, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type: 'ContainersReady', status: 'False', reason: PodCompleted };
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: PodFailed };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length) return { type: 'ContainersReady', status: 'False', reason: ContainersNotReady, message: messages.join(', ') };
  return { type: 'ContainersReady', status: 'True' };
}

export function generatePodReadyCondition(pod: Pod, statuses: ContainerStatus[] | undefined, phase: PodPhase, conditions: PodCondition[]): PodCondition {
  const cr = generateContainersReadyCondition(pod, statuses, phase);
  if (cr.status !== 'True') return { ...cr, type: 'Ready' };
  const unready: string[] = [];
  for (const gate of pod.spec?.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (c?.status !== 'True') unready.push(gate.conditionType);
  }
  if (unready.length) {
    return { type: 'Ready', status: 'False', reason: ReadinessGatesNotReady, message: `corresponding condition of pod readiness gate "${unready.join('", "')}" does not exist.` };
  }
  return { type: 'Ready', status: 'True' };
}

export function generatePodInitializedCondition(pod: Pod, statuses: ContainerStatus[], appStatuses: ContainerStatus[], phase: PodPhase): PodCondition {
  const inits = pod.spec?.initContainers ?? [];
  if (inits.length === 0) return { type: 'Initialized', status: 'True' };
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = find(statuses, c.name);
    if (!s) unknown.push(c.name);
    else if (s.state?.terminated?.exitCode !== 0 || s.state.terminated.reason === undefined) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type: 'Initialized', status: 'True', reason: PodCompleted };
  // A regular container that has run means the pod was initialized before.
  if (appStatuses.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated)) return { type: 'Initialized', status: 'True' };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length) return { type: 'Initialized', status: 'False', reason: ContainersNotInitialized, message: messages.join(', ') };
  return { type: 'Initialized', status: 'True' };
}

/** generatePodReadyToStartContainersCondition is True once the sandbox and its network exist. */
export function generatePodReadyToStartContainersCondition(sandboxReady: boolean): PodCondition {
  return { type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False' };
}
