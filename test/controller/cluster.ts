// Scenario support: the control plane plus the controller manager (this half's controllers, no
// leader election) on a virtual clock, Kubelab's kubectl against it, and a fake kubelet that
// binds, starts and finishes pods on each step.
import { runKubectl } from '../../engine/kubectl/cmd/cmd.js';
import { memoryFiles } from '../../engine/kubectl/cmd/util/io.js';
import { ControllerManager } from '../../engine/controller/manager/controllermanager.js';
import { newHarness, kubeletTick, type Harness } from '../support/controller-harness.js';
import type { Pod } from '../../engine/api/core/v1/types.js';
import { splitArgs } from '../kubectl/harness.js';

export interface Cluster extends Harness {
  manager: ControllerManager;
  files: ReturnType<typeof memoryFiles>;
  kubectl(cmdline: string): Promise<{ code: number; stdout: string; stderr: string }>;
  /** notReady marks pods the fake kubelet reports as not ready. */
  notReady: (pod: Pod) => boolean;
}

export const ourControllers = ['replicationcontroller', 'replicaset', 'deployment', 'endpoint', 'garbagecollector', 'namespace', 'serviceaccount', 'serviceaccount-token'];

export async function newCluster(files: Record<string, string> = {}): Promise<Cluster> {
  const h = await newHarness();
  const manager = new ControllerManager({ transport: h.cp.transport, clock: h.clock, options: { leaderElect: false, controllers: ourControllers } });
  void manager.run(h.signal);
  const c = Object.assign(h, {
    manager,
    files: memoryFiles(files),
    notReady: (_pod: Pod) => false,
    async kubectl(cmdline: string) {
      let stdout = '';
      let stderr = '';
      // kubectl may wait on the clock (delete waits for the object to go): keep time moving.
      const run = runKubectl(splitArgs(cmdline), {
        transport: h.cp.transport,
        stdin: async () => '',
        stdout: (s) => void (stdout += s),
        stderr: (s) => void (stderr += s),
        env: { HOME: '/home/user' },
        files: c.files,
        clock: h.clock,
      });
      let done = false;
      void run.finally(() => void (done = true));
      await h.waitFor(() => done, `kubectl ${cmdline}`, 100, 3000);
      return { code: await run, stdout, stderr };
    },
  }) as Cluster;
  for (const ns of ['default']) h.onStep(() => kubeletTick(h.cs, h.clock, ns, (p) => c.notReady(p)));
  await h.waitFor(() => manager.started.length > 0, 'controllers started');
  return c;
}
