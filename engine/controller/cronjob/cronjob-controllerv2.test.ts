import { describe, it, expect, afterEach } from 'vitest';
import type { CronJob, Job } from '../../api/batch/v1/types.js';
import { rfc3339 } from '../../apimachinery/apis/meta/v1/time.js';
import { newHarness, type Harness } from '../../../test/support/controller-harness.js';
import { parseStandard } from './cron-schedule.js';
import { newCronJobController } from './cronjob-controllerv2.js';
import { getJobName, mostRecentScheduleTime } from './utils.js';

let h: Harness;
afterEach(async () => h?.close());

const cronJob = (name: string, schedule: string, extra: Partial<NonNullable<CronJob['spec']>> = {}): CronJob => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name, namespace: 'default' },
  spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } }, ...extra },
});

describe('cron job utils', () => {
  const T = Date.parse('2026-01-01T00:00:00Z');
  it('names jobs after the scheduled time in minutes', () => {
    expect(getJobName(cronJob('hello', '* * * * *'), T)).toBe(`hello-${T / 60_000}`);
  });
  it.each([
    ['none due yet', undefined, undefined, T + 30_000, undefined, 0],
    ['the latest of several missed', '2026-01-01T00:00:00Z', undefined, T + 185_000, T + 180_000, 3],
    ['clipped by startingDeadlineSeconds', '2026-01-01T00:00:00Z', 60, T + 600_000, T + 600_000, 1],
  ])('mostRecentScheduleTime: %s', (_n, last, deadline, now, want, missed) => {
    const cj = cronJob('c', '* * * * *', deadline ? { startingDeadlineSeconds: deadline } : {});
    cj.metadata.creationTimestamp = rfc3339(T);
    if (last) cj.status = { lastScheduleTime: last };
    expect(mostRecentScheduleTime(cj, now, parseStandard('* * * * *'))).toEqual({ scheduled: want, missed });
  });
});

describe('CronJobController', () => {
  async function setup() {
    h = await newHarness();
    const c = newCronJobController(h.ctx());
    await h.start();
    void c.run(1, h.signal);
  }
  const jobs = async () => (await h.cs.batchV1().jobs('default').list()).items;
  const finish = async (j: Job, type: 'Complete' | 'Failed') => {
    const t = rfc3339(h.clock.now());
    await h.cs.batchV1().jobs('default').updateStatus({ ...j, status: { ...j.status, startTime: j.status?.startTime ?? t, conditions: [{ type, status: 'True', lastTransitionTime: t }], ...(type === 'Complete' ? { completionTime: t, succeeded: 1 } : { failed: 1 }) } });
  };

  it('creates a job every scheduled minute and records it', async () => {
    await setup();
    await h.cs.batchV1().cronJobs('default').create(cronJob('hello', '*/2 * * * *'));
    await h.until(async () => (await jobs()).length === 1, 10_000, 300_000);
    const [job] = await jobs();
    const cj = await h.cs.batchV1().cronJobs('default').get('hello');
    const scheduled = Date.parse(cj.status!.lastScheduleTime!);
    expect(new Date(scheduled).getUTCMinutes() % 2).toBe(0);
    expect(job!.metadata.name).toBe(`hello-${scheduled / 60_000}`);
    expect(job!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true });
    expect(cj.status?.active?.map((r) => r.name)).toEqual([job!.metadata.name]);
    expect((await h.events('default', 'hello')).map((e) => e.message)).toContain(`Created job ${job!.metadata.name}`);
    await finish(job!, 'Complete');
    await h.until(async () => !(await h.cs.batchV1().cronJobs('default').get('hello')).status?.active);
    expect((await h.cs.batchV1().cronJobs('default').get('hello')).status?.lastSuccessfulTime).toBeTruthy();
  });

  it('Forbid skips a run while one is active; Replace deletes the active one', async () => {
    await setup();
    await h.cs.batchV1().cronJobs('default').create(cronJob('forbid', '* * * * *', { concurrencyPolicy: 'Forbid' }));
    await h.cs.batchV1().cronJobs('default').create(cronJob('replace', '* * * * *', { concurrencyPolicy: 'Replace' }));
    await h.advance(4 * 60_000, 5_000);
    const names = (await jobs()).map((j) => j.metadata.name!);
    expect(names.filter((n) => n.startsWith('forbid-'))).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('replace-'))).toHaveLength(1);
    expect((await h.events('default', 'forbid')).map((e) => e.reason)).toContain('JobAlreadyActive');
    expect((await h.events('default', 'replace')).map((e) => e.reason)).toContain('SuccessfulDelete');
    const replaceJob = (await jobs()).find((j) => j.metadata.name!.startsWith('replace-'))!;
    expect(Number(replaceJob.metadata.name!.split('-')[1])).toBeGreaterThan(Number(names.find((n) => n.startsWith('forbid-'))!.split('-')[1]));
  });

  it('does nothing while suspended, and keeps only the history limit of finished jobs', async () => {
    await setup();
    await h.cs.batchV1().cronJobs('default').create(cronJob('paused', '* * * * *', { suspend: true }));
    await h.cs.batchV1().cronJobs('default').create(cronJob('hist', '* * * * *', { successfulJobsHistoryLimit: 2 }));
    for (let i = 0; i < 4; i++) {
      await h.advance(60_000, 5_000);
      for (const j of await jobs()) if (!j.status?.conditions?.length) await finish(j, 'Complete');
    }
    await h.advance(30_000, 5_000);
    const names = (await jobs()).map((j) => j.metadata.name!);
    expect(names.some((n) => n.startsWith('paused-'))).toBe(false);
    expect(names.filter((n) => n.startsWith('hist-')).length).toBe(2);
  });
});
