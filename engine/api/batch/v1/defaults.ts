// Mirrors pkg/apis/batch/v1/defaults.go and SetObjectDefaults_Job/_CronJob: job counts and
// policies, cron job history limits; pod templates get the core pod-spec defaults.
import { setDefaultsPodTemplateSpec } from '../../core/v1/defaults.js';
import type { CronJob, Job } from './types.js';

const unset = (v: unknown) => v === undefined || v === null;

export function setDefaultsJob(job: Job): void {
  const spec = (job.spec ??= {} as NonNullable<Job['spec']>);
  // A non-parallel job may leave both unset; both become 1.
  if (unset(spec.completions) && unset(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (unset(spec.parallelism)) spec.parallelism = 1;
  if (unset(spec.backoffLimit)) spec.backoffLimit = 6;
  const labels = spec.template?.metadata?.labels;
  if (labels && (!job.metadata.labels || Object.keys(job.metadata.labels).length === 0)) job.metadata.labels = { ...labels };
  spec.completionMode ||= 'NonIndexed';
  if (unset(spec.suspend)) spec.suspend = false;
  spec.podReplacementPolicy ||= 'TerminatingOrFailed';
  setDefaultsPodTemplateSpec(spec.template);
}

export function setDefaultsCronJob(cj: CronJob): void {
  const spec = (cj.spec ??= {} as NonNullable<CronJob['spec']>);
  spec.concurrencyPolicy ||= 'Allow';
  if (unset(spec.suspend)) spec.suspend = false;
  if (unset(spec.successfulJobsHistoryLimit)) spec.successfulJobsHistoryLimit = 3;
  if (unset(spec.failedJobsHistoryLimit)) spec.failedJobsHistoryLimit = 1;
  // Only the pod template inside the job template is defaulted, as SetObjectDefaults_CronJob does.
  setDefaultsPodTemplateSpec(spec.jobTemplate?.spec?.template);
}

export const batchDefaulters: Record<string, (obj: never) => void> = {
  Job: setDefaultsJob,
  CronJob: setDefaultsCronJob,
};
