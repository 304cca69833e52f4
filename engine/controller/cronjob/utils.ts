// Mirrors pkg/controller/cronjob/utils.go: the most recent schedule time that is due, the job made
// from a cron job's template (named <cronjob>-<scheduled time in minutes>), and job status helpers.
import type { CronJob, Job } from '../../api/batch/v1/types.js';
import { rfc3339 } from '../../apimachinery/apis/meta/v1/time.js';
import { newControllerRef } from '../controller-utils.js';
import type { Schedule } from './cron-schedule.js';

export const scheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
export const controllerKind = { apiVersion: 'batch/v1', kind: 'CronJob' };

/**
 * mostRecentScheduleTime returns the latest schedule time in (earliest, now] and how many were
 * missed, where earliest is the last schedule time (else creation), clipped by
 * startingDeadlineSeconds. scheduled is undefined when no time is due.
 */
export function mostRecentScheduleTime(cj: CronJob, now: number, sched: Schedule): { scheduled?: number; missed: number } {
  let earliest = Date.parse(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp ?? '') || now;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (deadline != null && now - deadline * 1000 > earliest) earliest = now - deadline * 1000;
  let scheduled: number | undefined;
  let missed = 0;
  for (let t = sched.next(earliest); t && t <= now; t = sched.next(t)) {
    scheduled = t;
    missed++;
    if (missed > 1000) break; // a clock jump far ahead; the caller reports too many missed starts
  }
  return { scheduled, missed };
}

/** getJobName is "<cronjob>-<scheduled time in minutes since the epoch>". */
export function getJobName(cj: CronJob, scheduled: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
}

/** getJobFromTemplate2 builds the job for one scheduled run. */
export function getJobFromTemplate2(cj: CronJob, scheduled: number): Job {
  const tmpl = cj.spec!.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: getJobName(cj, scheduled),
      namespace: cj.metadata.namespace,
      labels: { ...(tmpl.metadata?.labels ?? {}) },
      annotations: { ...(tmpl.metadata?.annotations ?? {}), [scheduledTimestampAnnotation]: rfc3339(scheduled) },
      ownerReferences: [newControllerRef(cj, controllerKind)],
    },
    spec: structuredClone(tmpl.spec!),
  };
}

/** getFinishedStatus returns the Complete or Failed condition type that is True, if any. */
export function getFinishedStatus(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

export const isJobFinished = (job: Job) => getFinishedStatus(job) !== undefined;
