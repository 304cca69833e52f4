// Mirrors pkg/kubelet/kuberuntime/kuberuntime_manager.go: GetPodStatus, SyncPod (computePodActions
// folded in: sandbox, then init containers one at a time, then app containers by restart policy,
// liveness/startup kills, CrashLoopBackOff via doBackOff) and KillPod; plus the container GC that
// keeps one dead instance per container for `kubectl logs --previous`.
import type { Container, Pod } from '../../api/core/v1/types.js';
import type { ContainerStatus as CRIStatus, PodSandboxConfig, RuntimeService } from '../cri/api.js';
import type { PodStatus, ReasonCache } from '../container/runtime.js';
import { findContainerStatuses } from '../container/runtime.js';
import type { ProberManager } from '../prober/prober-manager.js';
import { Backoff, formatDuration } from '../util/backoff.js';
import { formatPod } from '../util/format.js';
import { containerRef } from '../images/image-manager.js';
import * as events from '../events/event.js';
import { killContainer, startContainer, type ContainerDeps } from './kuberuntime-container.js';

export const ErrCrashLoopBackOff = 'CrashLoopBackOff';

export interface RuntimeManagerDeps extends ContainerDeps {
  runtime: RuntimeService;
  reasons: ReasonCache;
  prober: ProberManager;
  sandboxConfig(pod: Pod, attempt: number): PodSandboxConfig;
}

export interface PodSyncResult {
  /** error is the first start failure (the pod worker retries after its error back-off). */
  error?: string;
  /** nextSyncAt asks for a sync when a back-off expires. */
  nextSyncAt?: number;
}

const uidLabel = 'io.kubernetes.pod.uid';

export class KubeGenericRuntimeManager {
  /** backOff is the kubelet's crash loop back-off: 10s doubling to 5m. */
  readonly backOff: Backoff;

  constructor(private readonly deps: RuntimeManagerDeps) {
    this.backOff = new Backoff(deps.clock, 10_000, 300_000);
  }

  /** getPodStatus lists the pod's sandboxes and container instances, newest first. */
  getPodStatus(uid: string, name: string, namespace: string): PodStatus {
    const rt = this.deps.runtime;
    const sandboxStatuses = rt.listPodSandbox({ labelSelector: { [uidLabel]: uid } }).sort((a, b) => b.createdAt - a.createdAt);
    const containerStatuses = rt.listContainers({ labelSelector: { [uidLabel]: uid } }).sort((a, b) => b.createdAt - a.createdAt || b.metadata.attempt - a.metadata.attempt);
    const ready = sandboxStatuses.find((s) => s.state === 'SANDBOX_READY');
    return { uid, name, namespace, ips: ready?.network.ip ? [ready.network.ip] : [], sandboxStatuses, containerStatuses };
  }

  /** syncPod drives the pod's containers one step toward its spec. */
  async syncPod(pod: Pod, initial: PodStatus): Promise<PodSyncResult> {
    const { runtime, recorder } = this.deps;
    const result: PodSyncResult = {};
    let podStatus = initial;
    let sandbox = podStatus.sandboxStatuses[0];
    if (!sandbox || sandbox.state !== 'SANDBOX_READY') {
      if (sandbox) {
        recorder.event(pod, 'Normal', events.SandboxChanged, 'Pod sandbox changed, it will be killed and re-created.');
        await this.killPod(pod, podStatus, 0);
      }
      const attempt = sandbox ? sandbox.metadata.attempt + 1 : 0;
      try {
        await runtime.runPodSandbox(this.deps.sandboxConfig(pod, attempt));
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        recorder.event(pod, 'Warning', events.FailedCreatePodSandBox, `Failed to create pod sandbox: ${message}`);
        return { error: 'CreatePodSandboxError' };
      }
      podStatus = this.getPodStatus(podStatus.uid, podStatus.name, podStatus.namespace);
      sandbox = podStatus.sandboxStatuses[0]!;
    }
    const sandboxConfig = this.deps.sandboxConfig(pod, sandbox.metadata.attempt);
    const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
    const start = async (c: Container, latest: CRIStatus | undefined, init: boolean): Promise<void> => {
      if (latest?.state === 'CONTAINER_EXITED' && this.doBackOff(pod, c, latest, result)) return;
      const attempt = latest ? latest.metadata.attempt + 1 : 0;
      const r = await startContainer(this.deps, sandbox!.id, sandboxConfig, pod, c, attempt, init);
      if (r.err) {
        this.deps.reasons.add(podStatus.uid, c.name, r.err, r.message ?? '');
        result.error ??= r.err;
      } else this.deps.reasons.remove(podStatus.uid, c.name);
    };

    // Init containers run one at a time, in order, until each has succeeded.
    const appStarted = (pod.spec?.containers ?? []).some((c) => findContainerStatuses(podStatus, c.name).length > 0);
    if (!appStarted) {
      for (const c of pod.spec?.initContainers ?? []) {
        const latest = findContainerStatuses(podStatus, c.name)[0];
        if (latest?.state === 'CONTAINER_EXITED' && latest.exitCode === 0) continue;
        if (latest?.state === 'CONTAINER_RUNNING') return result;
        if (latest?.state === 'CONTAINER_EXITED' && restartPolicy === 'Never') return result;
        await start(c, latest, true);
        this.gc(podStatus.uid);
        return result;
      }
    }

    for (const c of pod.spec?.containers ?? []) {
      const latest = findContainerStatuses(podStatus, c.name)[0];
      if (!latest) {
        await start(c, undefined, false);
        continue;
      }
      if (latest.state === 'CONTAINER_RUNNING') {
        const why = this.deps.prober.liveness.get(latest.id) === 'Failure' ? 'liveness' : this.deps.prober.startup.get(latest.id) === 'Failure' ? 'startup' : undefined;
        if (!why) continue;
        const probe = why === 'liveness' ? c.livenessProbe : c.startupProbe;
        const grace = probe?.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
        await killContainer(this.deps, pod, c, latest, `Container ${c.name} failed ${why} probe, will be restarted`, grace);
        // The killed instance was running, so it restarts without a crash back-off, as upstream.
        if (restartPolicy !== 'Never') await start(c, { ...latest, state: 'CONTAINER_RUNNING' }, false);
        continue;
      }
      if (latest.state === 'CONTAINER_EXITED') {
        const restart = restartPolicy === 'Always' || (restartPolicy === 'OnFailure' && latest.exitCode !== 0);
        if (restart) await start(c, latest, false);
      }
    }
    this.gc(podStatus.uid);
    return result;
  }

  /**
   * doBackOff reports whether the container must wait before restarting; if so it records BackOff,
   * caches CrashLoopBackOff as the waiting reason and asks for a sync when the wait ends.
   */
  private doBackOff(pod: Pod, c: Container, latest: CRIStatus, result: PodSyncResult): boolean {
    const key = `${pod.metadata.name}_${pod.metadata.namespace}_${pod.metadata.uid}_${c.name}`;
    const ts = latest.finishedAt;
    if (this.backOff.isInBackOffSince(key, ts)) {
      const delay = this.backOff.get(key);
      this.deps.recorder.event(containerRef(pod, c), 'Warning', events.BackOffStartContainer, `Back-off restarting failed container ${c.name} in pod ${formatPod(pod)}`);
      this.deps.reasons.add(pod.metadata.uid ?? '', c.name, ErrCrashLoopBackOff, `back-off ${formatDuration(delay)} restarting failed container=${c.name} pod=${formatPod(pod)}`);
      const at = ts + delay;
      result.nextSyncAt = result.nextSyncAt === undefined ? at : Math.min(result.nextSyncAt, at);
      return true;
    }
    this.backOff.next(key, ts);
    return false;
  }

  /** killPod stops every running container (in parallel) and then the sandboxes. */
  async killPod(pod: Pod, podStatus: PodStatus, gracePeriod: number): Promise<void> {
    const specs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    const running = podStatus.containerStatuses.filter((c) => c.state === 'CONTAINER_RUNNING');
    await Promise.all(running.map((s) => {
      const spec = specs.find((c) => c.name === s.metadata.name) ?? ({ name: s.metadata.name } as Container);
      return killContainer(this.deps, pod, spec, s, undefined, gracePeriod);
    }));
    for (const sb of podStatus.sandboxStatuses) if (sb.state === 'SANDBOX_READY') await this.deps.runtime.stopPodSandbox(sb.id);
  }

  /** removePod deletes a terminated pod's sandboxes and containers (the pod's GC). */
  async removePod(podStatus: PodStatus): Promise<void> {
    for (const sb of podStatus.sandboxStatuses) await this.deps.runtime.removePodSandbox(sb.id);
  }

  /** gc keeps the newest two instances of each container (running + previous) and removes older dead ones. */
  private gc(uid: string): void {
    const all = this.deps.runtime.listContainers({ labelSelector: { [uidLabel]: uid } }).sort((a, b) => b.createdAt - a.createdAt || b.metadata.attempt - a.metadata.attempt);
    const seen = new Map<string, number>();
    for (const c of all) {
      const n = (seen.get(c.metadata.name) ?? 0) + 1;
      seen.set(c.metadata.name, n);
      if (n > 2 && c.state === 'CONTAINER_EXITED') void this.deps.runtime.removeContainer(c.id);
    }
  }
}
