// Health and placement: a liveness probe restarts a container whose health file disappeared, and a
// pod that asks for more CPU than any node has stays Pending with v1.32's FailedScheduling message.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Scenario, table } from './harness.js';

const liveness = `apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
  labels:
    test: liveness
spec:
  containers:
    - name: liveness
      image: busybox:1.36
      args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
      livenessProbe:
        exec:
          command: ["cat", "/tmp/healthy"]
        initialDelaySeconds: 5
        periodSeconds: 5
`;

const greedy = `apiVersion: v1
kind: Pod
metadata:
  name: greedy
spec:
  containers:
    - name: nginx
      image: nginx:1.11.9
      resources:
        requests:
          cpu: "100"
`;

describe('probes and scheduling', () => {
  let s: Scenario;
  beforeEach(async () => {
    s = await Scenario.start();
  });
  afterEach(async () => {
    await s.stop();
  });

  it('a failing liveness probe kills and restarts the container: RESTARTS goes up, events Unhealthy and Killing', async () => {
    await s.apply('pod.yaml', liveness);
    await s.running('default', 'test=liveness', 1);
    const restarts = async () => (await s.client.coreV1().pods('default').get('liveness-exec')).status?.containerStatuses?.[0]?.restartCount ?? 0;
    expect(await restarts()).toBe(0);
    // Healthy for 30s, then 3 failed probes 5s apart (failureThreshold 3), then the restart.
    const took = await s.waitFor('a restart', async () => (await restarts()) >= 1, 120);
    expect(took).toBeGreaterThanOrEqual(35_000);
    expect(took).toBeLessThanOrEqual(60_000);
    const row = table(await s.ok('get', 'pod', 'liveness-exec'))[1]!;
    expect(row.slice(0, 4)).toEqual(['liveness-exec', '1/1', 'Running', '1']);

    const events = (await s.events()).filter((e) => e.involvedObject.name === 'liveness-exec');
    const unhealthy = events.find((e) => e.reason === 'Unhealthy');
    expect(unhealthy?.type).toBe('Warning');
    expect(unhealthy?.message).toBe(`Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n`);
    expect(unhealthy?.count).toBeGreaterThanOrEqual(3);
    const killing = events.find((e) => e.reason === 'Killing');
    expect(killing?.message).toBe('Container liveness failed liveness probe, will be restarted');
    expect(events.filter((e) => e.reason === 'Started').map((e) => e.count ?? 1).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);

    // It keeps failing the same way after every restart.
    await s.waitFor('a second restart', async () => (await restarts()) >= 2, 120);
  });

  it('a pod requesting more CPU than any node stays Pending with "0/3 nodes are available: 3 Insufficient cpu."', async () => {
    await s.apply('pod.yaml', greedy);
    let message = '';
    await s.waitFor('FailedScheduling', async () => {
      const e = (await s.events()).find((x) => x.reason === 'FailedScheduling' && x.involvedObject.name === 'greedy');
      message = e?.message ?? '';
      return !!e;
    }, 30);
    // The double period is upstream's: FitError.Error() appends " %v." to the preemption message,
    // which already ends with one.
    expect(message).toBe('0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..');
    await s.idle(30);
    const pod = await s.client.coreV1().pods('default').get('greedy');
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(pod.status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect(table(await s.ok('get', 'pod', 'greedy'))[1]!.slice(0, 4)).toEqual(['greedy', '0/1', 'Pending', '0']);
    const described = await s.ok('describe', 'pod', 'greedy');
    expect(described).toMatch(/Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/3 nodes are available: 3 Insufficient cpu\./);
  });
});
