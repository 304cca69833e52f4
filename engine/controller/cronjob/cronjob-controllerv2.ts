// Mirrors pkg/controller/cronjob/cronjob_controllerv2.go: for each cron job, reconcile status.active
// with its jobs, clean up finished jobs beyond the history limits, and when a schedule time is due
// create its job — honouring suspend, startingDeadlineSeconds and concurrencyPolicy
// (Allow/Forbid/Replace) — then requeue for the next schedule time.
import type { CronJob, Job } from '../../api/batch/v1/types.js';
import type { ObjectReference } from '../../api/core/v1/types.js';
import { isAlreadyExists, isNotFound } from '../../apimachinery/api/errors/errors.js';
import { rfc3339 } from '../../apimachinery/apis/meta/v1/time.js';
import type { Lister } from '../../client/tools/cache/listers.js';
import { EventTypeNormal, EventTypeWarning } from '../../client/tools/record/event.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { ControllerContext } from '../controller-context.js';
import { errMessage, fromTombstone, getControllerOf, keyFunc } from '../controller-utils.js';
import { processNextWorkItem, runWhenSynced } from '../worker.js';
import { parseStandard } from './cron-schedule.js';
import { getFinishedStatus, getJobFromTemplate2, mostRecentScheduleTime } from './utils.js';

/** nextScheduleDelta is added to requeues so the controller wakes just after the schedule time. */
const nextScheduleDelta = 100;

export class ControllerV2 {
  readonly queue: RateLimitingType<string>;
  readonly cronJobLister: Lister<CronJob>;
  readonly jobLister: Lister<Job>;
  private readonly synced: (() => boolean)[];
  /** syncHandler is sync; tests may replace it. */
  syncHandler: (key: string) => Promise<void> = (key) => this.sync(key);

  constructor(private readonly ctx: ControllerContext) {
    this.queue = newRateLimitingQueue<string>(ctx.clock);
    const cjs = ctx.informerFactory.batch().v1().cronJobs();
    const jobs = ctx.informerFactory.batch().v1().jobs();
    this.cronJobLister = cjs.lister();
    this.jobLister = jobs.lister();
    this.synced = [() => cjs.informer().hasSynced(), () => jobs.informer().hasSynced()];
    cjs.informer().addEventHandler({
      onAdd: (c) => this.queue.add(keyFunc(c)),
      onUpdate: (_o, n) => this.queue.add(keyFunc(n)),
      onDelete: (c) => this.queue.add(keyFunc(fromTombstone(c))),
    });
    const onJob = (j: Job) => {
      const ref = getControllerOf(j);
      if (ref?.kind === 'CronJob') this.queue.add(`${j.metadata.namespace}/${ref.name}`);
    };
    jobs.informer().addEventHandler({ onAdd: onJob, onUpdate: (_o, n) => onJob(n), onDelete: (j) => onJob(fromTombstone(j)) });
  }

  run(workers: number, signal: AbortSignal): Promise<void> {
    return runWhenSynced(workers, this.queue, this.ctx.clock, signal, this.synced, () => this.worker());
  }

  async worker(): Promise<void> {
    while (await processNextWorkItem(this.queue, this.syncHandler)) {
      /* keep going */
    }
  }

  /** sync reconciles one cron job and schedules the next look at it. */
  async sync(key: string): Promise<void> {
    const [ns, name] = key.split('/') as [string, string];
    let cached: CronJob;
    try {
      cached = this.cronJobLister.get(ns, name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    const cj = structuredClone(cached);
    const jobs = this.jobLister.byNamespace(ns).list().filter((j) => getControllerOf(j)?.uid === cj.metadata.uid);
    const changed = this.syncActive(cj, jobs);
    const requeueAfter = await this.syncCronJob(cj, jobs);
    const cleaned = await this.cleanupFinishedJobs(cj, jobs);
    if (changed || requeueAfter.statusChanged || cleaned) {
      try {
        await this.ctx.clientset.batchV1().cronJobs(ns).updateStatus(cj);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    if (requeueAfter.after !== undefined) this.queue.addAfter(key, requeueAfter.after);
  }

  /** syncActive drops finished or vanished jobs from status.active and adds running ones it owns. */
  private syncActive(cj: CronJob, jobs: Job[]): boolean {
    const status = (cj.status ??= {});
    let changed = false;
    const byUID = new Map(jobs.map((j) => [j.metadata.uid, j]));
    for (const j of jobs) {
      const inActive = status.active?.some((r) => r.uid === j.metadata.uid);
      const finished = getFinishedStatus(j);
      if (!finished && !inActive) {
        (status.active ??= []).push(jobRef(j));
        changed = true;
      } else if (finished && inActive) {
        status.active = status.active!.filter((r) => r.uid !== j.metadata.uid);
        this.ctx.recorder.eventf(cj, EventTypeNormal, 'SawCompletedJob', 'Saw completed job: %s, condition: %v', j.metadata.name, finished);
        if (finished === 'Complete' && j.status?.completionTime) {
          const t = j.status.completionTime;
          if (!status.lastSuccessfulTime || Date.parse(t) > Date.parse(status.lastSuccessfulTime)) status.lastSuccessfulTime = t;
        }
        changed = true;
      }
    }
    const before = status.active?.length ?? 0;
    status.active = (status.active ?? []).filter((r) => byUID.has(r.uid));
    if (status.active.length !== before) changed = true;
    if (status.active.length === 0) delete status.active;
    return changed;
  }

  /** syncCronJob starts the job of a due schedule time; it returns when to look again. */
  private async syncCronJob(cj: CronJob, jobs: Job[]): Promise<{ after?: number; statusChanged: boolean }> {
    if (cj.metadata.deletionTimestamp) return { statusChanged: false };
    const now = this.ctx.clock.now();
    let sched;
    try {
      sched = parseStandard(cj.spec?.schedule ?? '');
    } catch (err) {
      this.ctx.recorder.eventf(cj, EventTypeWarning, 'UnparseableSchedule', 'unparseable schedule: %q : %s', cj.spec?.schedule, errMessage(err));
      return { statusChanged: false };
    }
    const nextAfter = () => {
      const n = sched.next(now);
      return n ? n - now + nextScheduleDelta : undefined;
    };
    if (cj.spec?.suspend) return { statusChanged: false };
    const { scheduled, missed } = mostRecentScheduleTime(cj, now, sched);
    if (missed > 100) this.ctx.recorder.eventf(cj, EventTypeWarning, 'TooManyMissedTimes', 'too many missed start times: %d. Set or decrease .spec.startingDeadlineSeconds or check clock skew', missed);
    if (scheduled === undefined) return { after: nextAfter(), statusChanged: false };

    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline != null && scheduled + deadline * 1000 < now) {
      this.ctx.recorder.eventf(cj, EventTypeWarning, 'MissSchedule', 'Missed scheduled time to start a job: %s', rfc3339(scheduled));
      return { after: nextAfter(), statusChanged: false };
    }
    const template = getJobFromTemplate2(cj, scheduled);
    // Already started (perhaps by a sync whose status write lost a conflict): just record it.
    const recordScheduled = () => {
      const t = rfc3339(scheduled);
      const changed = (cj.status ??= {}).lastScheduleTime !== t;
      cj.status.lastScheduleTime = t;
      return { after: nextAfter(), statusChanged: changed };
    };
    if (jobs.some((j) => j.metadata.name === template.metadata.name)) return recordScheduled();

    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    const active = cj.status?.active ?? [];
    if (policy === 'Forbid' && active.length > 0) {
      this.ctx.recorder.event(cj, EventTypeNormal, 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return { after: nextAfter(), statusChanged: false };
    }
    if (policy === 'Replace') {
      for (const ref of [...active]) {
        await this.deleteJob(cj, ref.name ?? '');
        cj.status!.active = cj.status!.active!.filter((r) => r.uid !== ref.uid);
      }
    }
    let created: Job;
    try {
      created = await this.ctx.clientset.batchV1().jobs(cj.metadata.namespace ?? 'default').create(template);
    } catch (err) {
      if (isAlreadyExists(err)) return recordScheduled();
      this.ctx.recorder.eventf(cj, EventTypeWarning, 'FailedCreate', 'Error creating job: %v', errMessage(err));
      throw err;
    }
    this.ctx.recorder.eventf(cj, EventTypeNormal, 'SuccessfulCreate', 'Created job %v', created.metadata.name);
    const status = (cj.status ??= {});
    (status.active ??= []).push(jobRef(created));
    status.lastScheduleTime = rfc3339(scheduled);
    return { after: nextAfter(), statusChanged: true };
  }

  /** cleanupFinishedJobs keeps only the newest successful/failed jobs within the history limits. */
  private async cleanupFinishedJobs(cj: CronJob, jobs: Job[]): Promise<boolean> {
    let deleted = false;
    const limits: [('Complete' | 'Failed'), number | undefined][] = [
      ['Complete', cj.spec?.successfulJobsHistoryLimit],
      ['Failed', cj.spec?.failedJobsHistoryLimit],
    ];
    for (const [kind, limit] of limits) {
      if (limit == null) continue;
      const finished = jobs.filter((j) => getFinishedStatus(j) === kind && !j.metadata.deletionTimestamp);
      finished.sort((a, b) => startTime(a) - startTime(b));
      for (const j of finished.slice(0, Math.max(0, finished.length - limit))) {
        await this.deleteJob(cj, j.metadata.name ?? '');
        deleted = true;
      }
    }
    return deleted;
  }

  private async deleteJob(cj: CronJob, name: string): Promise<void> {
    try {
      await this.ctx.clientset.batchV1().jobs(cj.metadata.namespace ?? 'default').delete(name, { propagationPolicy: 'Background' });
      this.ctx.recorder.eventf(cj, EventTypeNormal, 'SuccessfulDelete', 'Deleted job %v', name);
    } catch (err) {
      if (isNotFound(err)) return;
      this.ctx.recorder.eventf(cj, EventTypeWarning, 'FailedDelete', 'Deleted job: %v', errMessage(err));
      throw err;
    }
  }
}

function startTime(j: Job): number {
  return Date.parse(j.status?.startTime ?? j.metadata.creationTimestamp ?? '') || 0;
}

function jobRef(j: Job): ObjectReference {
  return { kind: 'Job', namespace: j.metadata.namespace, name: j.metadata.name, uid: j.metadata.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata.resourceVersion };
}

/** newCronJobController is the constructor the controller manager registers as "cronjob". */
export function newCronJobController(ctx: ControllerContext): ControllerV2 {
  return new ControllerV2(ctx);
}
