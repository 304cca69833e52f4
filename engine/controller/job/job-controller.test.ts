import { describe, it, expect, afterEach } from 'vitest';
import type { Job } from '../../api/batch/v1/types.js';
import type { Pod } from '../../api/core/v1/types.js';
import { newHarness, setPodPhase, type Harness } from '../../../test/support/controller-harness.js';
import { backoffDuration, getRemainingBackoff } from './backoff-utils.js';
import { newJobController } from './job-controller.js';

let h: Harness;
afterEach(async () => h?.close());

const job = (name: string, spec: Partial<NonNullable<Job['spec']>> = {}): Job => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } }, ...spec },
});

async function setup() {
  h = await newHarness();
  const jc = newJobController(h.ctx());
  await h.start();
  void jc.run(2, h.signal);
  await h.settle();
  return jc;
}

const podsOf = async (name: string) => (await h.cs.coreV1().pods('default').list({ labelSelector: `job-name=${name}` })).items;
const live = (pods: Pod[]) => pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
const getJob = (name: string) => h.cs.batchV1().jobs('default').get(name);

describe('backoff', () => {
  it.each([
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [7, 360_000],
  ])('after %i failures waits %i ms', (n, want) => expect(backoffDuration(n)).toBe(want));

  it('counts the remaining back-off from the latest failure', () => {
    const failed = (t: string): Pod => ({ metadata: {}, status: { phase: 'Failed', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 1, finishedAt: t } } }] } });
    const now = Date.parse('2026-01-01T00:00:05Z');
    expect(getRemainingBackoff([failed('2026-01-01T00:00:00Z')], now)).toBe(5_000);
    expect(getRemainingBackoff([failed('2026-01-01T00:00:00Z'), failed('2026-01-01T00:00:01Z')], now)).toBe(16_000);
    expect(getRemainingBackoff([], now)).toBe(0);
  });
});

describe('JobController', () => {
  it('runs completions with parallelism and completes the job', async () => {
    await setup();
    await h.cs.batchV1().jobs('default').create(job('pi', { completions: 3, parallelism: 2 }));
    await h.until(async () => (await podsOf('pi')).length === 2);
    const [first] = await podsOf('pi');
    expect(first!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Job', name: 'pi', controller: true });
    expect(first!.metadata.labels?.['controller-uid']).toBeTruthy();
    expect((await getJob('pi')).status?.active).toBe(2);

    await setPodPhase(h.cs, h.clock, first!, 'Succeeded', false, 0);
    await h.until(async () => (await podsOf('pi')).length === 3);
    for (const p of live(await podsOf('pi'))) await setPodPhase(h.cs, h.clock, p, 'Succeeded', false, 0);
    await h.until(async () => ((await getJob('pi')).status?.conditions ?? []).some((c) => c.type === 'Complete'));
    const done = await getJob('pi');
    expect(done.status).toMatchObject({ succeeded: 3, completionTime: expect.any(String) });
    expect(done.status?.active).toBeUndefined();
    expect((await podsOf('pi')).length).toBe(3);
    const reasons = (await h.events('default')).filter((e) => e.name === 'pi').map((e) => e.reason);
    expect(reasons.filter((r) => r === 'SuccessfulCreate')).toHaveLength(3);
    expect(reasons).toContain('Completed');
  });

  it('backs off before replacing failed pods and fails at the backoff limit', async () => {
    await setup();
    await h.cs.batchV1().jobs('default').create(job('flaky', { backoffLimit: 1 }));
    await h.until(async () => (await podsOf('flaky')).length === 1);
    await setPodPhase(h.cs, h.clock, (await podsOf('flaky'))[0]!, 'Failed', false, 1);
    await h.advance(5_000);
    expect((await podsOf('flaky')).length).toBe(1); // still backing off (10s)
    await h.until(async () => (await podsOf('flaky')).length === 2, 1000, 10_000);
    const second = live(await podsOf('flaky'))[0]!;
    await setPodPhase(h.cs, h.clock, second, 'Failed', false, 1);
    await h.until(async () => ((await getJob('flaky')).status?.conditions ?? []).some((c) => c.type === 'Failed'));
    const failed = await getJob('flaky');
    expect(failed.status?.conditions?.find((c) => c.type === 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(failed.status?.failed).toBe(2);
    expect((await h.events('default', 'flaky')).map((e) => e.reason)).toContain('BackoffLimitExceeded');
  });

  it('fails a job that outlives activeDeadlineSeconds and deletes its pods', async () => {
    await setup();
    await h.cs.batchV1().jobs('default').create(job('slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 4 }));
    await h.until(async () => (await podsOf('slow')).length === 2);
    await h.advance(20_000);
    expect(((await getJob('slow')).status?.conditions ?? []).length).toBe(0);
    await h.until(async () => ((await getJob('slow')).status?.conditions ?? []).some((c) => c.reason === 'DeadlineExceeded'), 1000, 20_000);
    expect((await getJob('slow')).status?.conditions?.[0]?.message).toBe('Job was active longer than specified deadline');
    expect((await podsOf('slow')).length).toBe(0); // unscheduled pods go at once
  });

  it('suspends a job by deleting its active pods', async () => {
    await setup();
    await h.cs.batchV1().jobs('default').create(job('later', { parallelism: 2, completions: 2 }));
    await h.until(async () => (await podsOf('later')).length === 2);
    const j = await getJob('later');
    await h.cs.batchV1().jobs('default').update({ ...j, spec: { ...j.spec!, suspend: true } });
    await h.until(async () => ((await getJob('later')).status?.conditions ?? []).some((c) => c.type === 'Suspended' && c.status === 'True'));
    expect((await podsOf('later')).length).toBe(0);
  });
});
