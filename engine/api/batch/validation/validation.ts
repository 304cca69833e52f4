// Mirrors pkg/apis/batch/validation/validation.go: Job and CronJob specs, the job pod template's
// restart policy, immutable job fields, and the cron schedule's field count (robfig/cron's message).
import { nameIsDNSSubdomain } from '../../../apimachinery/api/validation/generic.js';
import { validateImmutableField, validateObjectMetaUpdate } from '../../../apimachinery/api/validation/objectmeta.js';
import { Path, invalid, notSupported, required, type ErrorList } from '../../../apimachinery/util/validation/field/errors.js';
import { isEmptyLabelSelector } from '../../../apimachinery/apis/meta/v1/helpers.js';
import { selectorMismatch, validateLabelSelector, validateObjectMeta } from '../../core/validation/common.js';
import { validatePodTemplateSpec } from '../../core/validation/validation-pod.js';
import type { CronJob, Job, JobSpec } from '../v1/types.js';

const meta = Path.root('metadata');
const nonneg = (v: number | undefined, p: Path): ErrorList => (v !== undefined && v !== null && v < 0 ? [invalid(p, v, 'must be greater than or equal to 0')] : []);

/** validateJobSpec: requireSelector is false inside a cron job's template (the job gets one later). */
function validateJobSpec(spec: JobSpec | undefined, p: Path, requireSelector: boolean): ErrorList {
  const s = spec ?? ({} as JobSpec);
  const errs: ErrorList = [];
  errs.push(...nonneg(s.parallelism, p.child('parallelism')));
  errs.push(...nonneg(s.completions, p.child('completions')));
  if (s.activeDeadlineSeconds !== undefined && s.activeDeadlineSeconds <= 0)
    errs.push(invalid(p.child('activeDeadlineSeconds'), s.activeDeadlineSeconds, 'must be greater than 0'));
  errs.push(...nonneg(s.backoffLimit, p.child('backoffLimit')));
  errs.push(...nonneg(s.ttlSecondsAfterFinished, p.child('ttlSecondsAfterFinished')));
  if (s.completionMode && s.completionMode !== 'NonIndexed' && s.completionMode !== 'Indexed')
    errs.push(notSupported(p.child('completionMode'), s.completionMode, ['NonIndexed', 'Indexed']));
  if (s.completionMode === 'Indexed' && s.completions === undefined)
    errs.push(required(p.child('completions'), "when completion mode is Indexed"));
  if (requireSelector && !s.selector) errs.push(required(p.child('selector'), ''));
  if (s.selector) {
    errs.push(...validateLabelSelector(s.selector, p.child('selector')));
    if (s.template && selectorMismatch(s.selector, s.template.metadata?.labels))
      errs.push(invalid(p.child('template', 'metadata', 'labels'), s.template.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
  }
  if (!s.template) {
    errs.push(required(p.child('template'), ''));
    return errs;
  }
  errs.push(...validatePodTemplateSpec(s.template, p.child('template')));
  const rp = s.template.spec?.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never')
    errs.push(notSupported(p.child('template', 'spec', 'restartPolicy'), rp ?? '', ['OnFailure', 'Never']));
  return errs;
}

export function validateJob(job: Job): ErrorList {
  return [...validateObjectMeta(job.metadata, true, nameIsDNSSubdomain, meta), ...validateJobSpec(job.spec, Path.root('spec'), true)];
}

export function validateJobUpdate(job: Job, old: Job): ErrorList {
  const p = Path.root('spec');
  return [
    ...validateObjectMetaUpdate(job.metadata, old.metadata, meta),
    ...validateJobSpec(job.spec, p, true),
    ...validateImmutableField(job.spec?.selector, old.spec?.selector, p.child('selector')),
    ...validateImmutableField(job.spec?.completions, old.spec?.completions, p.child('completions')),
    ...validateImmutableField(job.spec?.completionMode, old.spec?.completionMode, p.child('completionMode')),
    // Only a suspended job's template may change (scheduling directives); this engine keeps it whole.
    ...(old.spec?.suspend ? [] : validateImmutableField(job.spec?.template, old.spec?.template, p.child('template'))),
  ];
}

/** validateSchedule checks the standard five cron fields or an @-descriptor. */
export function validateSchedule(schedule: string): string | undefined {
  const s = schedule.trim();
  if (s.startsWith('@')) {
    const ok = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'].includes(s) || /^@every\s+\S+$/.test(s);
    return ok ? undefined : `unrecognized descriptor: ${s}`;
  }
  const fields = s.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  return undefined;
}

const concurrencyPolicies = ['Allow', 'Forbid', 'Replace'];

export function validateCronJob(cj: CronJob): ErrorList {
  const errs = validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain, meta);
  // The job name appends an 11-character suffix and must stay a 63-character label.
  if ((cj.metadata.name ?? '').length > 52) errs.push(invalid(meta.child('name'), cj.metadata.name, 'must be no more than 52 characters'));
  const s = cj.spec ?? ({} as NonNullable<CronJob['spec']>);
  const p = Path.root('spec');
  if (!s.schedule) errs.push(required(p.child('schedule'), ''));
  else {
    const msg = validateSchedule(s.schedule);
    if (msg) errs.push(invalid(p.child('schedule'), s.schedule, msg));
  }
  if (!s.concurrencyPolicy) errs.push(required(p.child('concurrencyPolicy'), ''));
  else if (!concurrencyPolicies.includes(s.concurrencyPolicy)) errs.push(notSupported(p.child('concurrencyPolicy'), s.concurrencyPolicy, concurrencyPolicies));
  errs.push(...nonneg(s.startingDeadlineSeconds, p.child('startingDeadlineSeconds')));
  errs.push(...nonneg(s.successfulJobsHistoryLimit, p.child('successfulJobsHistoryLimit')));
  errs.push(...nonneg(s.failedJobsHistoryLimit, p.child('failedJobsHistoryLimit')));
  errs.push(...validateJobSpec(s.jobTemplate?.spec, p.child('jobTemplate', 'spec'), false));
  return errs;
}

export function validateCronJobUpdate(cj: CronJob, old: CronJob): ErrorList {
  return [...validateObjectMetaUpdate(cj.metadata, old.metadata, meta), ...validateCronJob(cj).filter((e) => !e.field.startsWith('metadata'))];
}

export const batchValidators = {
  Job: { create: validateJob, update: validateJobUpdate },
  CronJob: { create: validateCronJob, update: validateCronJobUpdate },
};
