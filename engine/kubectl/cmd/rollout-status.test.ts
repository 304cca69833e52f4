import { describe, expect, it, afterEach } from 'vitest';
import { advanceUntil } from '../../client/testing/advance.js';
import { newRealHarness, type RealHarness } from '../../../test/kubectl/real-harness.js';

const deployments = '/apis/apps/v1/namespaces/default/deployments';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'slow' },
  spec: { replicas: 3, selector: { matchLabels: { app: 'slow' } }, template: { metadata: { labels: { app: 'slow' } }, spec: { containers: [{ name: 'slow', image: 'nginx' }] } } },
};
const status = (updated: number, available: number) => ({ observedGeneration: 1, replicas: 3, updatedReplicas: updated, availableReplicas: available });

describe('kubectl rollout status', () => {
  let h: RealHarness;
  afterEach(() => h.close());

  it('keeps printing the status of every change until the rollout is done', async () => {
    h = await newRealHarness();
    await h.seed(deployments, { ...deployment, status: status(1, 3) });
    const idle = (ms: number) => advanceUntil(h.ts.clock, h.ts.clock.sleep(ms), 100);
    const run = h.kubectl('rollout status deployment/slow');
    await idle(1500);
    await h.setStatus(`${deployments}/slow`, status(3, 2));
    await idle(1500);
    await h.setStatus(`${deployments}/slow`, status(3, 3));
    const r = await advanceUntil(h.ts.clock, run);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Waiting for deployment "slow" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(lines).toContain('Waiting for deployment "slow" rollout to finish: 2 of 3 updated replicas are available...');
    expect(lines.at(-1)).toBe('deployment "slow" successfully rolled out');
  });

  it.each([
    { name: 'a timeout', args: 'rollout status deployment/slow --timeout=3s', stderr: 'error: timed out waiting for the condition\n' },
    { name: 'a missing deployment', args: 'rollout status deployment/nope', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' },
  ])('stops with an error on $name', async ({ args, stderr }) => {
    h = await newRealHarness();
    await h.seed(deployments, { ...deployment, status: status(1, 1) });
    const r = await advanceUntil(h.ts.clock, h.kubectl(args));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(stderr);
  });
});
