// Mirrors pkg/controller/job/job_controller.go: run pods to completion — parallelism, completions,
// backoffLimit with exponential back-off, activeDeadlineSeconds, suspend, and the status counts
// and Complete/Failed conditions. Simplified: counts come from the pods that exist (the pre-1.26
// way, without tracking finalizers), no indexed jobs, no pod failure or success policies.
import type { Job, JobCondition } from '../../api/batch/v1/types.js';
import type { Pod } from '../../api/core/v1/types.js';
import { isNotFound } from '../../apimachinery/api/errors/errors.js';
import { labelSelectorAsSelector } from '../../apimachinery/apis/meta/v1/helpers.js';
import type { Lister } from '../../client/tools/cache/listers.js';
import { EventTypeNormal, EventTypeWarning } from '../../client/tools/record/event.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import { getRemainingBackoff } from './backoff-utils.js';
import type { ControllerContext } from '../controller-context.js';
import { ControllerExpectations, fromTombstone, getControllerOf, isPodActive, isPodReady, keyFunc, newControllerRef, RealPodControl } from '../controller-utils.js';
import { processNextWorkItem, runWhenSynced } from '../worker.js';
import { rfc3339 } from '../../apimachinery/apis/meta/v1/time.js';

export const controllerKind = { apiVersion: 'batch/v1', kind: 'Job' };

export interface JobControllerOptions {
  /** podFailureBackOff is the first replacement delay after a pod fails (ms). */
  podFailureBackOff: number;
  maxPodFailureBackOff: number;
}

export class JobController {
  readonly queue: RateLimitingType<string>;
  readonly expectations: ControllerExpectations;
  readonly podControl: RealPodControl;
  readonly jobLister: Lister<Job>;
  readonly podLister: Lister<Pod>;
  private readonly synced: (() => boolean)[];
  private readonly opts: JobControllerOptions;
  /** syncHandler is syncJob; tests may replace it. */
  syncHandler: (key: string) => Promise<void> = (key) => this.syncJob(key);

  constructor(private readonly ctx: ControllerContext<JobControllerOptions>) {
    this.opts = { podFailureBackOff: 10_000, maxPodFailureBackOff: 360_000, ...ctx.options };
    this.queue = newRateLimitingQueue<string>(ctx.clock);
    this.expectations = new ControllerExpectations(ctx.clock);
    this.podControl = new RealPodControl(ctx.clientset, ctx.recorder);
    const jobs = ctx.informerFactory.batch().v1().jobs();
    const pods = ctx.informerFactory.core().v1().pods();
    this.jobLister = jobs.lister();
    this.podLister = pods.lister();
    this.synced = [() => jobs.informer().hasSynced(), () => pods.informer().hasSynced()];
    jobs.informer().addEventHandler({
      onAdd: (j) => this.enqueueJob(j),
      onUpdate: (_o, n) => this.enqueueJob(n),
      onDelete: (j) => {
        const job = fromTombstone(j);
        this.expectations.deleteExpectations(keyFunc(job));
        this.enqueueJob(job);
      },
    });
    pods.informer().addEventHandler({
      onAdd: (p) => this.addPod(p),
      onUpdate: (o, n) => this.updatePod(o, n),
      onDelete: (p) => this.deletePod(fromTombstone(p)),
    });
  }

  enqueueJob(job: Job, after = 0): void {
    if (after > 0) this.queue.addAfter(keyFunc(job), after);
    else this.queue.add(keyFunc(job));
  }

  /** resolveControllerRef returns the job key a pod belongs to, if its controller is a job. */
  private jobKeyFor(pod: Pod): string | undefined {
    const ref = getControllerOf(pod);
    if (ref?.kind !== 'Job') return undefined;
    try {
      const job = this.jobLister.get(pod.metadata.namespace ?? '', ref.name);
      return job.metadata.uid === ref.uid ? keyFunc(job) : undefined;
    } catch {
      return undefined;
    }
  }

  addPod(pod: Pod): void {
    const key = this.jobKeyFor(pod);
    if (!key) return;
    if (pod.metadata.deletionTimestamp) this.expectations.deletionObserved(key);
    else this.expectations.creationObserved(key);
    this.queue.add(key);
  }

  updatePod(old: Pod, cur: Pod): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const key = this.jobKeyFor(cur);
    if (!key) return;
    if (cur.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) this.expectations.deletionObserved(key);
    // A pod that just failed delays its replacement by the back-off, not the work queue's.
    this.queue.add(key);
  }

  deletePod(pod: Pod): void {
    const key = this.jobKeyFor(pod);
    if (!key) return;
    if (!pod.metadata.deletionTimestamp) this.expectations.deletionObserved(key);
    this.queue.add(key);
  }

  run(workers: number, signal: AbortSignal): Promise<void> {
    return runWhenSynced(workers, this.queue, this.ctx.clock, signal, this.synced, () => this.worker());
  }

  async worker(): Promise<void> {
    while (await processNextWorkItem(this.queue, this.syncHandler)) {
      /* keep going */
    }
  }

  /** getPodsForJob returns the pods the job controls. */
  getPodsForJob(job: Job): Pod[] {
    const selector = labelSelectorAsSelector(job.spec?.selector);
    return this.podLister
      .byNamespace(job.metadata.namespace ?? '')
      .list(selector)
      .filter((p) => getControllerOf(p)?.uid === job.metadata.uid);
  }

  /** syncJob brings one job's pods and status in line with its spec. */
  async syncJob(key: string): Promise<void> {
    const [ns, name] = key.split('/') as [string, string];
    let cached: Job;
    try {
      cached = this.jobLister.get(ns, name);
    } catch (err) {
      if (isNotFound(err)) return void this.expectations.deleteExpectations(key);
      throw err;
    }
    if (isJobFinished(cached)) return;
    const job = structuredClone(cached);
    const spec = job.spec!;
    const status = (job.status ??= {});
    const now = this.ctx.clock.now();
    const satisfied = this.expectations.satisfiedExpectations(key);

    const pods = this.getPodsForJob(job);
    const active = pods.filter(isPodActive);
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const failedPods = pods.filter((p) => p.status?.phase === 'Failed');
    const restarts = spec.template.spec?.restartPolicy === 'OnFailure' ? active.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, c) => m + c.restartCount, 0), 0) : 0;
    const failed = failedPods.length;
    const suspended = spec.suspend === true;

    if (!suspended && !status.startTime) {
      status.startTime = rfc3339(this.ctx.clock.now());
      // Come back when the deadline passes.
      if (spec.activeDeadlineSeconds) this.enqueueJob(job, spec.activeDeadlineSeconds * 1000);
    }

    let failureReason = '';
    let failureMessage = '';
    if (failed + restarts > (spec.backoffLimit ?? 6)) {
      failureReason = 'BackoffLimitExceeded';
      failureMessage = 'Job has reached the specified backoff limit';
    } else if (pastActiveDeadline(job, now)) {
      failureReason = 'DeadlineExceeded';
      failureMessage = 'Job was active longer than specified deadline';
    }

    let activeCount = active.length;
    let complete = false;
    if (failureReason) {
      await this.deleteJobPods(job, active);
      activeCount = 0;
      setCondition(status, newCondition('Failed', failureReason, failureMessage, rfc3339(this.ctx.clock.now())));
      this.ctx.recorder.event(job, EventTypeWarning, failureReason, failureMessage);
    } else {
      complete = spec.completions == null ? succeeded > 0 && activeCount === 0 : succeeded >= spec.completions;
      if (complete) {
        setCondition(status, newCondition('Complete', '', '', rfc3339(this.ctx.clock.now())));
        status.completionTime = rfc3339(this.ctx.clock.now());
        this.ctx.recorder.event(job, EventTypeNormal, 'Completed', 'Job completed');
      } else if (satisfied) {
        activeCount = await this.manageJob(job, active, succeeded, failedPods, now);
      }
      this.syncSuspendedCondition(job, status);
    }

    const ready = active.filter(isPodReady).length;
    const changed =
      (cached.status?.active ?? 0) !== activeCount ||
      (cached.status?.succeeded ?? 0) !== succeeded ||
      (cached.status?.failed ?? 0) !== failed ||
      (cached.status?.ready ?? 0) !== ready ||
      cached.status?.startTime !== status.startTime ||
      JSON.stringify(cached.status?.conditions ?? []) !== JSON.stringify(status.conditions ?? []);
    if (!changed) return;
    status.active = activeCount;
    status.succeeded = succeeded;
    status.failed = failed;
    status.ready = ready;
    for (const k of ['active', 'succeeded', 'failed'] as const) if (status[k] === 0) delete status[k];
    await this.ctx.clientset.batchV1().jobs(ns).updateStatus(job);
  }

  /** manageJob creates or deletes pods so the active count matches what the job wants now. */
  private async manageJob(job: Job, active: Pod[], succeeded: number, failedPods: Pod[], now: number): Promise<number> {
    const spec = job.spec!;
    const key = keyFunc(job);
    if (spec.suspend) {
      await this.deleteJobPods(job, active);
      return 0;
    }
    const parallelism = spec.parallelism ?? 1;
    let wantActive: number;
    if (spec.completions == null) wantActive = succeeded > 0 ? active.length : parallelism;
    else wantActive = Math.max(0, Math.min(spec.completions - succeeded, parallelism));

    if (active.length > wantActive) {
      // Delete the least useful first: unscheduled, then not ready, then the newest.
      const rank = (p: Pod) => (p.spec?.nodeName ? 1 : 0) + (isPodReady(p) ? 2 : 0);
      const victims = [...active].sort((a, b) => rank(a) - rank(b)).slice(0, active.length - wantActive);
      await this.deleteJobPods(job, victims);
      return active.length - victims.length;
    }
    const diff = wantActive - active.length;
    if (diff <= 0) return active.length;
    const remaining = getRemainingBackoff(failedPods, now, this.opts.podFailureBackOff, this.opts.maxPodFailureBackOff);
    if (remaining > 0) {
      this.enqueueJob(job, remaining);
      return active.length;
    }
    this.expectations.expectCreations(key, diff);
    let created = 0;
    for (let i = 0; i < diff; i++) {
      try {
        await this.podControl.createPods(job.metadata.namespace ?? 'default', spec.template, job, newControllerRef(job, controllerKind));
        created++;
      } catch (err) {
        this.expectations.creationObserved(key);
        if (i === 0) throw err;
      }
    }
    return active.length + created;
  }

  private async deleteJobPods(job: Job, pods: Pod[]): Promise<void> {
    if (pods.length === 0) return;
    const key = keyFunc(job);
    this.expectations.expectDeletions(key, pods.length);
    for (const p of pods) {
      try {
        await this.podControl.deletePod(p.metadata.namespace ?? 'default', p.metadata.name ?? '', job);
      } catch (err) {
        this.expectations.deletionObserved(key);
        if (!isNotFound(err)) throw err;
      }
    }
  }

  private syncSuspendedCondition(job: Job, status: NonNullable<Job['status']>): void {
    const cond = status.conditions?.find((c) => c.type === 'Suspended');
    if (job.spec?.suspend && cond?.status !== 'True') {
      setCondition(status, newCondition('Suspended', 'JobSuspended', 'Job suspended', rfc3339(this.ctx.clock.now())));
      this.ctx.recorder.event(job, EventTypeNormal, 'Suspended', 'Job suspended');
    } else if (!job.spec?.suspend && cond?.status === 'True') {
      setCondition(status, { ...newCondition('Suspended', 'JobResumed', 'Job resumed', rfc3339(this.ctx.clock.now())), status: 'False' });
      status.startTime = rfc3339(this.ctx.clock.now());
      this.ctx.recorder.event(job, EventTypeNormal, 'Resumed', 'Job resumed');
    }
  }
}

/** isJobFinished: a Complete or Failed condition is True. */
export function isJobFinished(job: Job): boolean {
  return (job.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** pastActiveDeadline: the job has run longer than spec.activeDeadlineSeconds. */
export function pastActiveDeadline(job: Job, now: number): boolean {
  const deadline = job.spec?.activeDeadlineSeconds;
  if (deadline == null || !job.status?.startTime) return false;
  return now - Date.parse(job.status.startTime) >= deadline * 1000;
}

function newCondition(type: string, reason: string, message: string, t: string): JobCondition {
  const c: JobCondition = { type, status: 'True', lastProbeTime: t, lastTransitionTime: t };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

function setCondition(status: NonNullable<Job['status']>, cond: JobCondition): void {
  const conds = (status.conditions ??= []);
  const i = conds.findIndex((c) => c.type === cond.type);
  if (i < 0) conds.push(cond);
  else if (conds[i]!.status !== cond.status || conds[i]!.reason !== cond.reason) conds[i] = cond;
}

/** newJobController is the constructor the controller manager registers as "job". */
export function newJobController(ctx: ControllerContext<JobControllerOptions>): JobController {
  return new JobController(ctx);
}

