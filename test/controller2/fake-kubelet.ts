// A stand-in for the scheduler and the kubelets in controller scenarios: every second of clock time
// it binds unscheduled pods (to the node a daemon pod is pinned to, else round robin), starts bound
// pods (Running and Ready), finishes pods whose restartPolicy is not Always after runSeconds,
// completes graceful deletions, and posts node heartbeats every 10 seconds. Nodes in `silent`
// behave as if their kubelet died.
import type { Pod } from '../../engine/api/core/v1/types.js';
import { getTargetNodeName } from '../../engine/controller/daemon/util/daemonset-util.js';
import type { Harness } from '../support/controller-harness.js';
import { bindPod, heartbeat, setPodPhase } from '../support/controller-harness.js';

export interface FakeKubelet {
  silent: Set<string>;
  /** started lists pod names in the order they became Running. */
  started: string[];
  stop(): void;
}

export function startFakeKubelet(h: Harness, nodes: string[], opts: { runSeconds?: number; failNames?: RegExp } = {}): FakeKubelet {
  const runMs = (opts.runSeconds ?? 5) * 1000;
  const startedAt = new Map<string, number>();
  const kubelet: FakeKubelet = { silent: new Set(), started: [], stop: () => void (stopped = true) };
  let stopped = false;
  let rr = 0;
  let ticks = 0;
  const onNode = (p: Pod) => p.spec?.nodeName && !kubelet.silent.has(p.spec.nodeName);
  const tick = async () => {
    const now = h.clock.now();
    if (ticks++ % 10 === 0) for (const n of nodes) if (!kubelet.silent.has(n)) await heartbeat(h.cs, n, h.clock).catch(() => undefined);
    const pods = (await h.cs.coreV1().pods('').list()).items;
    for (const p of pods) {
      const ns = p.metadata.namespace ?? 'default';
      try {
        if (!p.spec?.nodeName) {
          if (!p.metadata.deletionTimestamp) await bindPod(h.cs, p, getTargetNodeName(p) ?? nodes[rr++ % nodes.length]!);
          continue;
        }
        if (!onNode(p)) continue;
        if (p.metadata.deletionTimestamp) {
          await h.cs.coreV1().pods(ns).delete(p.metadata.name!, { gracePeriodSeconds: 0 });
          continue;
        }
        const phase = p.status?.phase ?? 'Pending';
        if (phase === 'Pending') {
          await setPodPhase(h.cs, h.clock, p, 'Running', true);
          startedAt.set(p.metadata.uid!, now);
          kubelet.started.push(p.metadata.name!);
        } else if (phase === 'Running' && p.spec.restartPolicy !== 'Always' && now - (startedAt.get(p.metadata.uid!) ?? now) >= runMs) {
          const fail = opts.failNames?.test(p.metadata.name ?? '') ?? false;
          await setPodPhase(h.cs, h.clock, p, fail ? 'Failed' : 'Succeeded', false, fail ? 1 : 0);
        }
      } catch {
        // Raced with a controller (conflict, already gone): next tick.
      }
    }
  };
  const loop = () => {
    if (stopped || h.signal.aborted) return;
    h.clock.setTimer(1000, () => void tick().finally(loop));
  };
  loop();
  return kubelet;
}
