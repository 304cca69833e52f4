// The status a kubelet posts for a pod whose containers its runtime no longer has (the node or the
// runtime restarted): upstream's ContainerStatusUnknown inference, from the pod's last API status.
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from '../api/core/v1/types.js';
import { ReasonCache } from './container/runtime.js';
import { generateAPIPodStatus } from './kubelet-pod-status.js';

const now = Date.UTC(2026, 0, 1, 12);

function statusAfterRestart(old: ContainerStatus, pod: Partial<Pod['metadata']> = {}, restartPolicy: 'Always' | 'Never' = 'Always') {
  const p: Pod = {
    metadata: { name: 'web', namespace: 'default', uid: 'u1', ...pod },
    spec: { restartPolicy, containers: [{ name: 'web', image: 'nginx' }] },
    status: { phase: 'Running', podIP: '172.17.1.2', startTime: '2026-01-01T11:00:00Z', containerStatuses: [old] },
  };
  return generateAPIPodStatus({
    pod: p,
    podStatus: { uid: 'u1', name: 'web', namespace: 'default', ips: [], sandboxStatuses: [], containerStatuses: [] },
    oldStatus: p.status!,
    podIsTerminal: false,
    reasons: new ReasonCache(),
    hostIP: '192.168.1.101',
    now,
    ready: () => false,
    started: () => false,
    imageName: (i) => i,
    imageID: () => '',
  });
}

const wasRunning: ContainerStatus = { name: 'web', image: 'nginx', imageID: 'sha256:1', ready: true, started: true, restartCount: 2, state: { running: { startedAt: '2026-01-01T11:00:00Z' } }, lastState: {}, containerID: 'containerd://old' };

describe('generateAPIPodStatus for containers the runtime lost', () => {
  it.each([
    {
      name: 'a running container is shown stopped with an unknown status and counted as a restart; the pod stays Running',
      old: wasRunning,
      meta: {},
      phase: 'Running',
      want: { restartCount: 3, state: { waiting: { reason: 'ContainerCreating' } }, lastState: { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' } }, ready: false },
    },
    {
      name: 'a pod being deleted gets no restart',
      old: wasRunning,
      meta: { deletionTimestamp: '2026-01-01T11:59:00Z' },
      phase: 'Running',
      want: { restartCount: 2, lastState: { terminated: { reason: 'ContainerStatusUnknown' } } },
    },
    {
      name: 'a terminated container keeps its last status',
      old: { ...wasRunning, ready: false, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2026-01-01T11:00:00Z', finishedAt: '2026-01-01T11:01:00Z' } } },
      meta: {},
      phase: 'Running',
      want: { restartCount: 2, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
    },
    {
      name: 'a container that never ran keeps waiting: the pod is Pending',
      old: { ...wasRunning, ready: false, started: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
      meta: {},
      phase: 'Pending',
      want: { restartCount: 0, lastState: {}, state: { waiting: { reason: 'ContainerCreating' } } },
    },
  ])('$name', ({ old, meta, phase, want }) => {
    const status = statusAfterRestart(old as ContainerStatus, meta);
    expect(status.phase).toBe(phase);
    expect(status.containerStatuses?.[0]).toMatchObject(want);
    expect(status.podIP).toBeUndefined();
  });

  it('a pod that never restarts is Failed once its running container is lost', () => {
    expect(statusAfterRestart(wasRunning, {}, 'Never').phase).toBe('Failed');
  });
});
