// Mirrors printJob and printCronJob in pkg/printers/internalversion/printers.go: the job STATUS
// (Complete, Failed, Terminating, Suspended, FailureTarget, Running), COMPLETIONS and DURATION.
import { formatLabelSelector } from '../../apimachinery/apis/meta/v1/helpers.js';
import type { CronJob, Job, JobCondition } from '../../api/batch/v1/types.js';
import type { TableConvertor } from '../../apiserver/registry/rest/resource.js';
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { col, nameColumn, objectName, podTemplateCells, podTemplateColumns, printBoolPtr, selectorColumn, translateTimestampSince } from './helpers.js';
import { humanDuration } from '../../apimachinery/util/duration/duration.js';

const jobSelectorDescription =
  'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors';

function hasJobCondition(conditions: JobCondition[] | undefined, type: string): boolean {
  const c = (conditions ?? []).find((x) => x.type === type);
  return c?.status === 'True';
}

export function printJob(job: Job, now: number): unknown[] {
  const spec = job.spec;
  const st = job.status ?? {};
  const succeeded = st.succeeded ?? 0;
  let completions: string;
  if (spec?.completions !== undefined && spec.completions !== null) {
    completions = `${succeeded}/${spec.completions}`;
  } else {
    const parallelism = spec?.parallelism ?? 0;
    completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
  }
  let duration = '';
  if (st.startTime) {
    const start = Date.parse(st.startTime);
    duration = humanDuration((st.completionTime ? Date.parse(st.completionTime) : now) - start);
  }
  let status: string;
  if (hasJobCondition(st.conditions, 'Complete')) status = 'Complete';
  else if (hasJobCondition(st.conditions, 'Failed')) status = 'Failed';
  else if (job.metadata.deletionTimestamp) status = 'Terminating';
  else if (hasJobCondition(st.conditions, 'Suspended')) status = 'Suspended';
  else if (hasJobCondition(st.conditions, 'FailureTarget')) status = 'FailureTarget';
  else status = 'Running';
  const obj = job as unknown as KubeObject;
  return [
    objectName(obj),
    status,
    completions,
    duration,
    ...podTemplateCells(obj, spec?.template?.spec?.containers, now),
    formatLabelSelector(spec?.selector),
  ];
}

export const jobTable: TableConvertor = {
  columns: [
    nameColumn,
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', 'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.'),
    col('Duration', 'string', 'Time required to complete the job.'),
    ...podTemplateColumns,
    selectorColumn(jobSelectorDescription),
  ],
  row: (obj, now) => printJob(obj as unknown as Job, now),
};

export function printCronJob(cj: CronJob, now: number): unknown[] {
  const spec = cj.spec;
  const lastSchedule = cj.status?.lastScheduleTime ? translateTimestampSince(cj.status.lastScheduleTime, now) : '<none>';
  const obj = cj as unknown as KubeObject;
  return [
    objectName(obj),
    spec?.schedule ?? '',
    spec?.timeZone ?? '<none>',
    printBoolPtr(spec?.suspend),
    (cj.status?.active ?? []).length,
    lastSchedule,
    ...podTemplateCells(obj, spec?.jobTemplate?.spec?.template?.spec?.containers, now),
    formatLabelSelector(spec?.jobTemplate?.spec?.selector),
  ];
}

export const cronJobTable: TableConvertor = {
  columns: [
    nameColumn,
    col('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    col('Timezone', 'string', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process.'),
    col('Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.'),
    col('Active', 'integer', 'A list of pointers to currently running jobs.'),
    col('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
    ...podTemplateColumns,
    selectorColumn(jobSelectorDescription),
  ],
  row: (obj, now) => printCronJob(obj as unknown as CronJob, now),
};
