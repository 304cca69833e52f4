import { describe, it, expect } from 'vitest';
import type { Pod } from '../../api/core/v1/types.js';
import { startKubeletHarness, newPod, type KubeletHarness } from '../testing/harness.js';

async function withHarness(fn: (h: KubeletHarness) => Promise<void>): Promise<void> {
  const h = await startKubeletHarness();
  try {
    await fn(h);
  } finally {
    await h.close();
  }
}

const cstatus = (p: Pod) => p.status!.containerStatuses![0]!;
const msgs = async (h: KubeletHarness, name: string) => (await h.events(name)).map((e) => `${e.reason}: ${e.message}`);

describe('probes', () => {
  it('exec liveness failure kills and restarts the container with upstream events', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('liveness-exec', {
        containers: [{
          name: 'liveness', image: 'busybox:1.36', command: ['sh', '-c', 'touch /tmp/healthy; sleep 20; rm /tmp/healthy; sleep 600'],
          livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 1, successThreshold: 1 },
        }],
      }));
      await h.advance(20_000);
      expect(cstatus(await h.getPod('liveness-exec')).restartCount).toBe(0);
      await h.advance(20_000);
      const s = cstatus(await h.getPod('liveness-exec'));
      expect(s.restartCount).toBe(1);
      // busybox sh has no SIGTERM handler here (no PID 1 signal semantics), so it ends with 143.
      expect(s.lastState?.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
      const events = await msgs(h, 'liveness-exec');
      expect(events).toContain("Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
      expect(events).toContain('Killing: Container liveness failed liveness probe, will be restarted');
    }));

  it('httpGet readiness marks the container ready, or not ready with the status code', () =>
    withHarness(async (h) => {
      const probe = (path: string) => ({ httpGet: { path, port: 80 }, periodSeconds: 2, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 1 });
      await h.createPod(newPod('ok', { containers: [{ name: 'web', image: 'nginx', readinessProbe: probe('/') }] }));
      await h.createPod(newPod('notready', { containers: [{ name: 'web', image: 'nginx', readinessProbe: probe('/missing') }] }));
      await h.advance(6000);
      const ok = await h.getPod('ok');
      const bad = await h.getPod('notready');
      expect(cstatus(ok).ready).toBe(true);
      expect(ok.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
      expect(cstatus(bad).ready).toBe(false);
      expect(bad.status?.phase).toBe('Running');
      expect(bad.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
      expect(await msgs(h, 'notready')).toContain('Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404');
    }));

  it('tcpSocket liveness on a closed port fails with connection refused', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('tcp', { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'alt', containerPort: 81 }], livenessProbe: { tcpSocket: { port: 'alt' }, periodSeconds: 3, failureThreshold: 2, timeoutSeconds: 1, successThreshold: 1 } }] }));
      await h.advance(10_000);
      const pod = await h.getPod('tcp');
      expect(cstatus(pod).restartCount).toBeGreaterThanOrEqual(1);
      expect(await msgs(h, 'tcp')).toContain(`Unhealthy: Liveness probe failed: dial tcp ${pod.status!.podIP}:81: connect: connection refused`);
    }));

  it('startup probe holds started=false until it succeeds', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('startup', {
        containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 8; touch /tmp/up; sleep 600'], startupProbe: { exec: { command: ['test', '-e', '/tmp/up'] }, periodSeconds: 2, failureThreshold: 30, timeoutSeconds: 1, successThreshold: 1 } }],
      }));
      await h.advance(4000);
      let s = cstatus(await h.getPod('startup'));
      expect(s.state?.running).toBeDefined();
      expect(s.started).toBe(false);
      expect(s.ready).toBe(false);
      await h.advance(8000);
      s = cstatus(await h.getPod('startup'));
      expect(s.started).toBe(true);
      expect(s.ready).toBe(true);
    }));
});
