// Mirrors pkg/kubelet/prober/worker.go: one goroutine-like loop per container and probe type that
// probes every periodSeconds after initialDelaySeconds, counts consecutive results against the
// success/failure thresholds, and holds a failed liveness/startup result until a new container
// instance appears.
import type { Container, Pod, Probe } from '../../api/core/v1/types.js';
import type { Timer } from '../../util/clock.js';
import { ContainerUnhealthy } from '../events/event.js';
import { containerRef } from '../images/image-manager.js';
import type { ProberManager } from './prober-manager.js';
import { runProbe } from './prober.js';
import type { Result } from './results/results-manager.js';

export type ProbeType = 'liveness' | 'readiness' | 'startup';

const title: Record<ProbeType, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export class ProbeWorker {
  private timer: Timer | undefined;
  private containerID = '';
  private lastResult: Result = 'Unknown';
  private resultRun = 0;
  private onHold = false;
  private stopped = false;
  private probing = false;

  constructor(
    private readonly manager: ProberManager,
    readonly pod: Pod,
    readonly container: Container,
    readonly probeType: ProbeType,
    private readonly spec: Probe,
  ) {}

  private get results() {
    return this.manager[this.probeType];
  }

  start(): void {
    const period = Math.max(1, this.spec.periodSeconds ?? 10) * 1000;
    const tick = () => {
      if (this.stopped) return;
      this.timer = this.manager.clock.setTimer(period, tick);
      void this.doProbe();
    };
    tick();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.stop();
    if (this.containerID) this.results.remove(this.containerID);
  }

  /** doProbe probes once; it returns false when the worker should stop. */
  async doProbe(): Promise<void> {
    if (this.probing) return;
    const uid = this.pod.metadata.uid ?? '';
    const status = this.manager.containerStatus(uid, this.container.name);
    if (!status) return;
    if (status.id !== this.containerID) {
      if (this.containerID) this.results.remove(this.containerID);
      this.containerID = status.id;
      // Readiness starts as not ready; liveness and startup as unknown until probed.
      this.results.set(this.containerID, this.probeType === 'readiness' ? 'Failure' : 'Unknown', uid);
      this.lastResult = 'Unknown';
      this.resultRun = 0;
      this.onHold = false;
    }
    if (this.onHold || status.state !== 'CONTAINER_RUNNING') return;
    const startup = this.container.startupProbe;
    const started = !startup || this.manager.startup.get(status.id) === 'Success';
    if (this.probeType === 'startup' && started) return;
    if (this.probeType !== 'startup' && !started) return;
    if (this.manager.clock.now() - status.startedAt < (this.spec.initialDelaySeconds ?? 0) * 1000) return;
    this.probing = true;
    let outcome;
    try {
      outcome = await runProbe(this.spec, {
        runtime: this.manager.runtime,
        containerID: status.id,
        container: this.container,
        podIP: this.manager.podIP(uid),
        net: this.manager.podNet(uid),
        clock: this.manager.clock,
      });
    } finally {
      this.probing = false;
    }
    if (this.stopped || status.id !== this.containerID) return;
    const result: Result = outcome.result === 'Failure' ? 'Failure' : 'Success';
    if (outcome.result === 'Failure') {
      this.manager.recorder.event(containerRef(this.pod, this.container), 'Warning', ContainerUnhealthy, `${title[this.probeType]} probe failed: ${outcome.output}`);
    } else if (outcome.result === 'Warning') {
      this.manager.recorder.event(containerRef(this.pod, this.container), 'Warning', 'ProbeWarning', `${title[this.probeType]} probe warning: ${outcome.output}`);
    }
    if (this.lastResult === result) this.resultRun++;
    else {
      this.lastResult = result;
      this.resultRun = 1;
    }
    if ((result === 'Failure' && this.resultRun < (this.spec.failureThreshold ?? 3)) || (result === 'Success' && this.resultRun < (this.spec.successThreshold ?? 1))) return;
    this.results.set(this.containerID, result, uid);
    if ((this.probeType === 'liveness' || this.probeType === 'startup') && result === 'Failure') {
      // The container will be restarted: stop probing it until a new instance shows up.
      this.onHold = true;
      this.resultRun = 0;
    }
  }
}
