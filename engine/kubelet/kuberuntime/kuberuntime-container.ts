// Mirrors pkg/kubelet/kuberuntime/kuberuntime_container.go: startContainer (pull, generate the
// container config, create, start, postStart hook — each step with its event) and killContainer
// (Killing event, preStop hook inside the grace period, then StopContainer with what is left).
import type { Container, Pod } from '../../api/core/v1/types.js';
import type { EventRecorder } from '../../client/tools/record/event.js';
import type { Clock } from '../../util/clock.js';
import type { ContainerConfig, ContainerStatus, Mount, PodSandboxConfig, RuntimeService } from '../cri/api.js';
import type { FileSystem } from '../../images/types.js';
import { SubFileSystem } from '../volumemanager/plugins/sub-fs.js';
import { containerRef, type ImageManager } from '../images/image-manager.js';
import * as events from '../events/event.js';
import { runHandler } from '../lifecycle/handlers.js';
import { parseQuantity } from '../../apimachinery/api/resource/quantity.js';

/** minimumGracePeriodInSeconds is what a preStop hook always leaves for the stop itself. */
const minimumGracePeriodInSeconds = 2;

export const CreateContainerConfigError = 'CreateContainerConfigError';
export const CreateContainerError = 'CreateContainerError';
export const RunContainerError = 'RunContainerError';
export const PostStartHookError = 'PostStartHookError';

export interface ContainerDeps {
  runtime: RuntimeService;
  imageManager: ImageManager;
  recorder: EventRecorder;
  clock: Clock;
  /** envFor computes the container's environment (errors are config errors). */
  envFor(pod: Pod, container: Container): Promise<{ name: string; value?: string }[]>;
  volumesFor(uid: string): Map<string, FileSystem>;
  podIP(uid: string): string;
}

export interface StartResult {
  /** err is the waiting reason to report, message its detail. */
  err?: string;
  message?: string;
}

/** startContainer runs one container of the pod in its sandbox. */
export async function startContainer(deps: ContainerDeps, sandboxId: string, sandboxConfig: PodSandboxConfig, pod: Pod, container: Container, attempt: number, init: boolean): Promise<StartResult> {
  const ref = containerRef(pod, container, init);
  const pulled = await deps.imageManager.ensureImageExists(ref, pod, container);
  if (pulled.err) {
    deps.recorder.event(ref, 'Warning', events.FailedToCreateContainer, `Error: ${pulled.err}`);
    return { err: pulled.err, message: pulled.message };
  }
  let config: ContainerConfig;
  try {
    config = await generateContainerConfig(deps, pod, container, attempt, init);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.recorder.event(ref, 'Warning', events.FailedToCreateContainer, `Error: ${message}`);
    return { err: CreateContainerConfigError, message };
  }
  let id: string;
  try {
    id = await deps.runtime.createContainer(sandboxId, config, sandboxConfig);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.recorder.event(ref, 'Warning', events.FailedToCreateContainer, `Error: ${message}`);
    return { err: CreateContainerError, message };
  }
  deps.recorder.event(ref, 'Normal', events.CreatedContainer, `Created container ${container.name}`);
  try {
    await deps.runtime.startContainer(id);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.recorder.event(ref, 'Warning', events.FailedToStartContainer, `Error: ${message}`);
    return { err: RunContainerError, message };
  }
  deps.recorder.event(ref, 'Normal', events.StartedContainer, `Started container ${container.name}`);
  const postStart = container.lifecycle?.postStart;
  if (postStart) {
    const msg = await runHandler(deps.runtime, deps.clock, id, container, postStart, deps.podIP(pod.metadata.uid ?? ''), pod.spec?.terminationGracePeriodSeconds ?? 30);
    if (msg !== undefined) {
      deps.recorder.event(ref, 'Warning', events.FailedPostStartHook, msg);
      await killContainer(deps, pod, container, { id, state: 'CONTAINER_RUNNING' } as ContainerStatus, 'FailedPostStartHook', pod.spec?.terminationGracePeriodSeconds ?? 30, init);
      return { err: PostStartHookError, message: msg };
    }
  }
  return {};
}

async function generateContainerConfig(deps: ContainerDeps, pod: Pod, container: Container, attempt: number, init: boolean): Promise<ContainerConfig> {
  const uid = pod.metadata.uid ?? '';
  const envs = await deps.envFor(pod, container);
  const volumes = deps.volumesFor(uid);
  const mounts: Mount[] = [];
  for (const vm of container.volumeMounts ?? []) {
    const fs = volumes.get(vm.name);
    if (!fs) throw new Error(`cannot find volume "${vm.name}" to mount into container "${container.name}"`);
    let target: FileSystem = fs;
    if (vm.subPath) {
      if (!fs.stat(`/${vm.subPath}`)) fs.mkdir(`/${vm.subPath}`, { recursive: true });
      target = new SubFileSystem(fs, `/${vm.subPath}`);
    }
    mounts.push({ containerPath: vm.mountPath, fs: target, readonly: vm.readOnly ?? false });
  }
  const limits = container.resources?.limits ?? {};
  return {
    metadata: { name: container.name, attempt },
    image: { image: container.image ?? '' },
    command: container.command,
    args: container.args,
    workingDir: container.workingDir,
    envs: envs.map((e) => ({ key: e.name, value: e.value ?? '' })),
    mounts,
    labels: {
      'io.kubernetes.pod.name': pod.metadata.name ?? '',
      'io.kubernetes.pod.namespace': pod.metadata.namespace ?? '',
      'io.kubernetes.pod.uid': uid,
      'io.kubernetes.container.name': container.name,
    },
    annotations: {
      'io.kubernetes.container.restartCount': String(attempt),
      'io.kubernetes.container.terminationMessagePath': container.terminationMessagePath ?? '/dev/termination-log',
      ...(init ? { 'io.kubernetes.container.init': 'true' } : {}),
    },
    logPath: `/var/log/pods/${pod.metadata.namespace}_${pod.metadata.name}_${uid}/${container.name}/${attempt}.log`,
    memoryLimitInBytes: limits.memory !== undefined ? Math.round(parseQuantity(limits.memory).asApproximateFloat64()) : 0,
    cpuMillis: limits.cpu !== undefined ? parseQuantity(limits.cpu).milliValue() : 0,
    stdin: container.stdin ?? false,
    stdinOnce: container.stdinOnce ?? false,
    tty: container.tty ?? false,
  };
}

/**
 * killContainer stops one container: the Killing event with its reason, the preStop hook (which
 * uses up part of the grace period), then SIGTERM and SIGKILL after what is left.
 */
export async function killContainer(deps: ContainerDeps, pod: Pod, container: Container, status: Pick<ContainerStatus, 'id' | 'state'>, message: string | undefined, gracePeriod: number, init = false): Promise<void> {
  const ref = containerRef(pod, container, init);
  deps.recorder.event(ref, 'Normal', events.KillingContainer, message ?? `Stopping container ${container.name}`);
  let grace = gracePeriod;
  const preStop = container.lifecycle?.preStop;
  if (preStop && grace > 0 && status.state === 'CONTAINER_RUNNING') {
    const start = deps.clock.now();
    const msg = await runHandler(deps.runtime, deps.clock, status.id, container, preStop, deps.podIP(pod.metadata.uid ?? ''), grace);
    if (msg !== undefined) deps.recorder.event(ref, 'Warning', events.FailedPreStopHook, msg);
    grace -= Math.floor((deps.clock.now() - start) / 1000);
  }
  if (gracePeriod > 0 && grace < minimumGracePeriodInSeconds) grace = minimumGracePeriodInSeconds;
  await deps.runtime.stopContainer(status.id, Math.max(0, grace));
}
