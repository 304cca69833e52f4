import { describe, it, expect } from 'vitest';
import { startKubeletHarness, newPod } from './testing/harness.js';

describe('Kubelet', () => {
  it('runs a busybox pod and reports Running with IPs, conditions and container status', async () => {
    const h = await startKubeletHarness();
    try {
      await h.createPod(newPod('sleeper', { containers: [{ name: 'main', image: 'busybox', command: ['sleep', '3600'] }] }));
      await h.advanceUntil(async () => (await h.getPod('sleeper')).status?.phase === 'Running');
      const pod = await h.getPod('sleeper');
      const st = pod.status!;
      expect(st.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
      expect(st.podIPs).toEqual([{ ip: st.podIP }]);
      expect(st.hostIP).toBe('192.168.1.101');
      expect(st.qosClass).toBe('BestEffort');
      const cs = st.containerStatuses![0]!;
      expect(cs).toMatchObject({ name: 'main', ready: true, started: true, restartCount: 0, image: 'docker.io/library/busybox:latest' });
      expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
      expect(cs.imageID).toMatch(/^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/);
      expect(cs.state?.running?.startedAt).toMatch(/Z$/);
      const types = Object.fromEntries(st.conditions!.map((c) => [c.type, c.status]));
      expect(types).toMatchObject({ PodReadyToStartContainers: 'True', Initialized: 'True', Ready: 'True', ContainersReady: 'True' });
      const reasons = (await h.events('sleeper')).map((e) => `${e.reason}: ${e.message}`);
      expect(reasons).toEqual(expect.arrayContaining([
        'Pulling: Pulling image "busybox"',
        expect.stringMatching(/^Pulled: Successfully pulled image "busybox" in 0s \(0s including waiting\)\. Image size: \d+ bytes\.$/),
        'Created: Created container main',
        'Started: Started container main',
      ]));
    } finally {
      await h.close();
    }
  });
});
