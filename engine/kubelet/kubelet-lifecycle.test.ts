import { describe, it, expect } from 'vitest';
import type { Pod } from '../api/core/v1/types.js';
import { startKubeletHarness, newPod, type KubeletHarness } from './testing/harness.js';
import { testPull } from './testing/test-image.js';

async function withHarness(fn: (h: KubeletHarness) => Promise<void>): Promise<void> {
  const h = await startKubeletHarness({ kubelet: { pullImage: testPull } });
  try {
    await fn(h);
  } finally {
    await h.close();
  }
}

const cstatus = (p: Pod, i = 0) => p.status?.containerStatuses?.[i];

describe('restart policies', () => {
  it.each([
    ['Always', 0, 'Running', true],
    ['Always', 1, 'Running', true],
    ['OnFailure', 0, 'Succeeded', false],
    ['OnFailure', 1, 'Running', true],
    ['Never', 0, 'Succeeded', false],
    ['Never', 1, 'Failed', false],
  ] as const)('restartPolicy %s, exit %d → %s', (policy, code, phase, restarts) =>
    withHarness(async (h) => {
      await h.createPod(newPod('p', { restartPolicy: policy, containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', `exit ${code}`] }] }));
      await h.advance(5000);
      const pod = await h.getPod('p');
      expect(pod.status?.phase).toBe(phase);
      expect((cstatus(pod)?.restartCount ?? 0) > 0).toBe(restarts);
      if (!restarts) {
        expect(cstatus(pod)?.state?.terminated).toMatchObject({ exitCode: code, reason: code === 0 ? 'Completed' : 'Error' });
        const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
        expect(ready).toMatchObject({ status: 'False', reason: code === 0 ? 'PodCompleted' : 'PodFailed' });
      }
    }),
  );
});

describe('CrashLoopBackOff', () => {
  it('restarts at once, then after 10s, 20s, 40s, showing the back-off', () =>
    withHarness(async (h) => {
      const created = await h.createPod(newPod('crash', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 3'] }] }));
      const restarts: number[] = [];
      let last = 0;
      const t0 = h.clock.now();
      let sawWaiting: Pod | undefined;
      while (restarts.length < 4 && h.clock.now() - t0 < 200_000) {
        await h.advance(500, 500);
        const pod = await h.getPod('crash');
        const n = cstatus(pod)?.restartCount ?? 0;
        if (n > last) {
          restarts.push(h.clock.now() - t0);
          last = n;
        }
        if (n === 2 && cstatus(pod)?.state?.waiting) sawWaiting = pod;
      }
      const gaps = restarts.slice(1).map((t, i) => t - restarts[i]!);
      expect(restarts[0]).toBeLessThanOrEqual(1000);
      // Observed at 500ms steps: each gap is the back-off within one step.
      [10_000, 20_000, 40_000].forEach((want, i) => expect(Math.abs(gaps[i]! - want)).toBeLessThanOrEqual(500));
      const s = cstatus(sawWaiting!)!;
      expect(s.state?.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 20s restarting failed container=c pod=crash_default(${created.metadata.uid})` });
      expect(s.lastState?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
      expect(sawWaiting!.status?.phase).toBe('Running');
      const backoff = (await h.events('crash')).find((e) => e.reason === 'BackOff');
      expect(backoff?.message).toBe(`Back-off restarting failed container c in pod crash_default(${created.metadata.uid})`);
      expect(backoff?.type).toBe('Warning');
      const kubelet = h.kubelets[0]!;
      expect(kubelet.getContainerLogs('default', 'crash', 'c', { previous: true })).toBe('boom\n');
    }));
});

describe('image pulls', () => {
  it('reports ErrImagePull, then ImagePullBackOff with upstream events', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('bad', { containers: [{ name: 'c', image: 'nosuch/image:v1', imagePullPolicy: 'IfNotPresent' }] }));
      await h.advance(1000);
      let s = cstatus(await h.getPod('bad'))!;
      expect(s.state?.waiting?.reason).toBe('ErrImagePull');
      expect(s.state?.waiting?.message).toContain('failed to resolve reference "docker.io/nosuch/image:v1"');
      await h.advance(10_000);
      s = cstatus(await h.getPod('bad'))!;
      expect(s.state?.waiting?.reason).toBe('ErrImagePull');
      await h.advance(10_000);
      s = cstatus(await h.getPod('bad'))!;
      expect(s.state?.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nosuch/image:v1"' });
      expect((await h.getPod('bad')).status?.phase).toBe('Pending');
      const msgs = (await h.events('bad')).map((e) => `${e.type} ${e.reason}: ${e.message}`);
      expect(msgs).toEqual(expect.arrayContaining([
        'Normal Pulling: Pulling image "nosuch/image:v1"',
        expect.stringMatching(/^Warning Failed: Failed to pull image "nosuch\/image:v1": rpc error: code = NotFound/),
        'Warning Failed: Error: ErrImagePull',
        'Normal BackOff: Back-off pulling image "nosuch/image:v1"',
        'Warning Failed: Error: ImagePullBackOff',
      ]));
    }));

  it('does not pull a present image with IfNotPresent', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('a', { containers: [{ name: 'c', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', command: ['sleep', '100'] }] }));
      await h.createPod(newPod('b', { containers: [{ name: 'c', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', command: ['sleep', '100'] }] }));
      await h.advance(2000);
      expect((await h.events('b')).map((e) => e.message)).toContain('Container image "busybox:1.36" already present on machine');
    }));
});

describe('init containers', () => {
  it('runs init containers in order before the app containers', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('init', {
        volumes: [{ name: 'work', emptyDir: {} }],
        initContainers: [
          { name: 'init1', image: 'busybox:1.36', command: ['sh', '-c', 'echo hello from init > /work/msg'], volumeMounts: [{ name: 'work', mountPath: '/work' }] },
          { name: 'init2', image: 'busybox:1.36', command: ['sleep', '5'] },
        ],
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'cat /work/msg; sleep 3600'], volumeMounts: [{ name: 'work', mountPath: '/work' }] }],
      }));
      await h.advance(2000);
      let pod = await h.getPod('init');
      expect(pod.status?.phase).toBe('Pending');
      expect(pod.status?.initContainerStatuses?.map((s) => Object.keys(s.state ?? {})[0])).toEqual(['terminated', 'running']);
      expect(pod.status?.initContainerStatuses?.[0]?.state?.terminated?.reason).toBe('Completed');
      expect(cstatus(pod)?.state?.waiting?.reason).toBe('PodInitializing');
      expect(pod.status?.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init2]' });
      await h.advance(5000);
      pod = await h.getPod('init');
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
      expect(h.kubelets[0]!.getContainerLogs('default', 'init', 'app')).toBe('hello from init\n');
    }));

  it('fails the pod when an init container fails and restartPolicy is Never', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('initfail', { restartPolicy: 'Never', initContainers: [{ name: 'i', image: 'busybox:1.36', command: ['false'] }], containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '10'] }] }));
      await h.advance(3000);
      const pod = await h.getPod('initfail');
      expect(pod.status?.phase).toBe('Failed');
      expect(pod.status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    }));
});

describe('resources', () => {
  it('OOM-kills a container over its memory limit (exit 137)', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('hog', { restartPolicy: 'Never', containers: [{ name: 'hog', image: 'kubelab/test', command: ['hog', '40'], resources: { limits: { memory: '100Mi' } } }] }));
      await h.advance(5000);
      const pod = await h.getPod('hog');
      expect(pod.status?.phase).toBe('Failed');
      expect(cstatus(pod)?.state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
      const oom = (await h.events('node-1')).find((e) => e.reason === 'OOMKilling');
      expect(oom?.message).toMatch(/^Memory cgroup out of memory: Killed process \d+ \(hog\)/);
    }));

  it('reports per-container memory in the stats summary', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('hog2', { containers: [{ name: 'hog', image: 'kubelab/test', command: ['hog', '8'] }] }));
      await h.advance(2500);
      const stats = h.kubelets[0]!.statsProvider.summary();
      const pod = stats.pods.find((p) => p.podRef.name === 'hog2')!;
      expect(pod.containers[0]!.memory.workingSetBytes).toBeGreaterThanOrEqual(16 * 1024 * 1024);
      expect(pod.cpu.usageNanoCores).toBeGreaterThan(0);
    }));
});

describe('graceful termination', () => {
  it('deletes a pod whose process exits on SIGTERM at once', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('web', { containers: [{ name: 'web', image: 'nginx' }] }));
      await h.advance(2000);
      await h.cs.coreV1().pods('default').delete('web');
      await h.advance(1000);
      await expect(h.getPod('web')).rejects.toMatchObject({ reason: 'NotFound' });
      expect((await h.events('web')).map((e) => `${e.reason}: ${e.message}`)).toContain('Killing: Stopping container web');
    }));

  it('waits for a slow SIGTERM handler within the grace period', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('slow', { containers: [{ name: 'c', image: 'kubelab/test', command: ['slow-term', '3'] }] }));
      await h.advance(2000);
      await h.cs.coreV1().pods('default').delete('slow');
      await h.advance(2000);
      expect((await h.getPod('slow')).metadata.deletionTimestamp).toBeDefined();
      await h.advance(2000);
      await expect(h.getPod('slow')).rejects.toMatchObject({ reason: 'NotFound' });
    }));

  it('SIGKILLs a process that ignores SIGTERM after terminationGracePeriodSeconds', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('stubborn', { terminationGracePeriodSeconds: 5, containers: [{ name: 'c', image: 'kubelab/test', command: ['ignore-term'] }] }));
      await h.advance(2000);
      const uidBefore = (await h.getPod('stubborn')).metadata.uid;
      await h.cs.coreV1().pods('default').delete('stubborn');
      await h.advance(4500);
      const during = await h.getPod('stubborn');
      expect(during.metadata.uid).toBe(uidBefore);
      expect(h.kubelets[0]!.getContainerLogs('default', 'stubborn', 'c')).toBe('ignoring SIGTERM\n');
      await h.advance(1500);
      await expect(h.getPod('stubborn')).rejects.toMatchObject({ reason: 'NotFound' });
    }));
});
