import { describe, expect, it } from 'vitest';
import { advanceUntil } from '../../client/testing/advance.js';
import { newHarness } from '../../../test/kubectl/harness.js';

const deployment = (updated: number, available: number) => ({
  metadata: { name: 'slow', generation: 2 },
  spec: { replicas: 3 },
  status: { observedGeneration: 2, replicas: 3, updatedReplicas: updated, availableReplicas: available },
});

describe('kubectl rollout status', () => {
  it('keeps printing the status of every change until the rollout is done', async () => {
    const h = newHarness();
    h.server.add('deployments', deployment(1, 3));
    const idle = (ms: number) => advanceUntil(h.clock, h.clock.sleep(ms), 100);
    const run = h.kubectl('rollout status deployment/slow');
    await idle(1500);
    h.server.add('deployments', deployment(3, 2));
    await idle(1500);
    h.server.add('deployments', deployment(3, 3));
    const r = await advanceUntil(h.clock, run);
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
    const h = newHarness();
    h.server.add('deployments', deployment(1, 1));
    const r = await advanceUntil(h.clock, h.kubectl(args));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(stderr);
  });
});
