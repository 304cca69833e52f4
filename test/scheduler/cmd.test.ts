import { describe, it, expect } from 'vitest';
import { runKubeScheduler } from '../../engine/cmd/kube-scheduler.js';
import { startControlPlane } from '../../engine/controlplane/instance.js';
import { newForTransport } from '../../engine/client/kubernetes/clientset.js';
import type { Scheduler } from '../../engine/scheduler/scheduler.js';
import { flushMicrotasks, VirtualClock } from '../../engine/util/clock.js';
import { node, nodeOf, pod } from './harness.js';

const settle = async () => {
  for (let i = 0; i < 8; i++) {
    await flushMicrotasks(100);
    await new Promise((r) => setImmediate(r));
  }
};

describe('kube-scheduler command', () => {
  it('reads a policy file, takes the leader lock and schedules', async () => {
    const clock = new VirtualClock();
    const plane = await startControlPlane({ clock });
    const cs = newForTransport(plane.transport);
    const files: Record<string, string> = {
      '/etc/kubernetes/scheduler-policy.json': JSON.stringify({ kind: 'Policy', apiVersion: 'v1', predicates: [{ name: 'PodFitsResources' }], priorities: [{ name: 'LeastRequestedPriority', weight: 1 }] }),
    };
    const abort = new AbortController();
    const errors: string[] = [];
    let sched: Scheduler | undefined;
    const done = runKubeScheduler(['--policy-config-file=/etc/kubernetes/scheduler-policy.json', '--leader-elect'], {
      transport: plane.transport,
      clock,
      readFile: async (p) => files[p] ?? Promise.reject(new Error(`open ${p}: no such file or directory`)),
      stderr: (s) => errors.push(s),
      signal: abort.signal,
      identity: 'master-1',
      onScheduler: (s) => void (sched = s),
    });
    for (let i = 0; i < 20; i++) {
      await clock.advance(200);
      await settle();
    }
    expect(sched?.profiles.get('default-scheduler')?.listPlugins().filter).toEqual(['NodeResourcesFit', 'TaintToleration', 'NodeUnschedulable']);
    const lock = await cs.coreV1().configMaps('kube-system').get('kube-scheduler');
    expect(lock.metadata.annotations?.['control-plane.alpha.kubernetes.io/leader']).toContain('"holderIdentity":"master-1"');
    await cs.coreV1().nodes().create(node('node-1'));
    await settle();
    await cs.coreV1().pods('default').create(pod('p', { cpu: '1' }, { nodeSelector: { ignored: 'by-policy' } }));
    await settle();
    expect(await nodeOf(cs, 'p')).toBe('node-1');
    abort.abort();
    await clock.advance(1000);
    await settle();
    expect(await done).toBe(0);
    expect(errors).toEqual([]);
    await plane.close();
  });

  it('fails with a usage message on a bad flag or policy', async () => {
    const clock = new VirtualClock();
    const errs: string[] = [];
    const io = { transport: () => Promise.reject(new Error('unused')), clock, readFile: async () => '{"predicates":[{"name":"Nope"}]}', stderr: (s: string) => void errs.push(s), signal: new AbortController().signal };
    expect(await runKubeScheduler(['--bogus'], io)).toBe(1);
    expect(errs[0]).toContain('unknown flag: --bogus');
    expect(await runKubeScheduler(['--policy-config-file', 'p.json'], io)).toBe(1);
    expect(errs[1]).toBe(`Error: couldn't create scheduler: invalid predicate name "Nope" specified - no corresponding function found\n`);
  });
});
