// Mirrors pkg/kubelet/prober/prober_manager.go: workers per pod container and probe type, the three
// result caches, and UpdatePodStatus's view of them — a container is started once its startup
// probe succeeded (or it has none) and ready once its readiness probe succeeded (or it has none).
import type { Container, Pod } from '../../api/core/v1/types.js';
import type { EventRecorder } from '../../client/tools/record/event.js';
import type { Clock } from '../../util/clock.js';
import type { NetStack } from '../../net/types.js';
import type { ContainerStatus, RuntimeService } from '../cri/api.js';
import { ResultsManager } from './results/results-manager.js';
import { ProbeWorker, type ProbeType } from './worker.js';

export interface ProberHost {
  runtime: RuntimeService;
  recorder: EventRecorder;
  clock: Clock;
  /** containerStatus is the newest instance of a pod's container. */
  containerStatus(podUID: string, name: string): ContainerStatus | undefined;
  podIP(podUID: string): string;
  podNet(podUID: string): NetStack | undefined;
}

export class ProberManager {
  readonly liveness = new ResultsManager();
  readonly readiness = new ResultsManager();
  readonly startup = new ResultsManager();
  private readonly workers = new Map<string, ProbeWorker>();

  constructor(private readonly host: ProberHost) {}

  get runtime(): RuntimeService {
    return this.host.runtime;
  }
  get recorder(): EventRecorder {
    return this.host.recorder;
  }
  get clock(): Clock {
    return this.host.clock;
  }
  containerStatus(uid: string, name: string): ContainerStatus | undefined {
    return this.host.containerStatus(uid, name);
  }
  podIP(uid: string): string {
    return this.host.podIP(uid);
  }
  podNet(uid: string): NetStack | undefined {
    return this.host.podNet(uid);
  }

  /** addPod starts the workers a pod needs (idempotent). */
  addPod(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    for (const c of pod.spec?.containers ?? []) {
      const probes: [ProbeType, Container['livenessProbe']][] = [['startup', c.startupProbe], ['readiness', c.readinessProbe], ['liveness', c.livenessProbe]];
      for (const [type, spec] of probes) {
        const key = `${uid}/${c.name}/${type}`;
        if (!spec || this.workers.has(key)) continue;
        const w = new ProbeWorker(this, pod, c, type, spec);
        this.workers.set(key, w);
        w.start();
      }
    }
  }

  removePod(uid: string): void {
    for (const [key, w] of this.workers) {
      if (!key.startsWith(`${uid}/`)) continue;
      w.stop();
      this.workers.delete(key);
    }
  }

  isStarted(containerID: string, container: Container): boolean {
    return !container.startupProbe || this.startup.get(containerID) === 'Success';
  }

  isReady(containerID: string, container: Container): boolean {
    return !container.readinessProbe || this.readiness.get(containerID) === 'Success';
  }

  /** workerCount is for tests and `kubelab status`. */
  workerCount(): number {
    return this.workers.size;
  }
}
