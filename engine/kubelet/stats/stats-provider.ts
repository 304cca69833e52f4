// Mirrors pkg/kubelet/stats (cadvisor_stats_provider.go) and the Summary API's shape
// (k8s.io/kubelet/pkg/apis/stats/v1alpha1): per-container CPU and memory from the runtime's
// accounting, summed per pod and for the node — what metrics-server reads for `kubectl top`.
import type { Clock } from '../../util/clock.js';
import type { RuntimeService } from '../cri/api.js';

export interface CPUStats {
  time: string;
  usageNanoCores: number;
  usageCoreNanoSeconds: number;
}

export interface MemoryStats {
  time: string;
  usageBytes: number;
  workingSetBytes: number;
}

export interface ContainerStats {
  name: string;
  startTime: string;
  cpu: CPUStats;
  memory: MemoryStats;
}

export interface PodStats {
  podRef: { name: string; namespace: string; uid: string };
  startTime: string;
  containers: ContainerStats[];
  cpu: CPUStats;
  memory: MemoryStats;
}

export interface Summary {
  node: { nodeName: string; startTime: string; cpu: CPUStats; memory: MemoryStats };
  pods: PodStats[];
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** nodeBaseNanoCores and nodeBaseBytes stand for the node's own daemons. */
const nodeBaseNanoCores = 50_000_000;
const nodeBaseBytes = 512 * 1024 * 1024;

export class StatsProvider {
  constructor(
    private readonly runtime: RuntimeService,
    private readonly clock: Clock,
    private readonly nodeName: string,
    private readonly startTime: number,
  ) {}

  /** listPodStats groups running containers' stats by pod. */
  listPodStats(): PodStats[] {
    const now = iso(this.clock.now());
    const pods = new Map<string, PodStats>();
    for (const c of this.runtime.listContainers({ state: 'CONTAINER_RUNNING' })) {
      const s = this.runtime.containerStats(c.id);
      if (!s) continue;
      const uid = c.labels['io.kubernetes.pod.uid'] ?? '';
      let pod = pods.get(uid);
      if (!pod) {
        const sb = this.runtime.podSandboxStatus(c.podSandboxId);
        pod = {
          podRef: { name: c.labels['io.kubernetes.pod.name'] ?? '', namespace: c.labels['io.kubernetes.pod.namespace'] ?? '', uid },
          startTime: iso(sb.createdAt),
          containers: [],
          cpu: { time: now, usageNanoCores: 0, usageCoreNanoSeconds: 0 },
          memory: { time: now, usageBytes: 0, workingSetBytes: 0 },
        };
        pods.set(uid, pod);
      }
      const cpu = { time: now, usageNanoCores: s.cpu.usageNanoCores, usageCoreNanoSeconds: s.cpu.usageCoreNanoSeconds };
      const memory = { time: now, usageBytes: s.memory.usageBytes, workingSetBytes: s.memory.workingSetBytes };
      pod.containers.push({ name: c.metadata.name, startTime: iso(c.startedAt), cpu, memory });
      pod.cpu.usageNanoCores += cpu.usageNanoCores;
      pod.cpu.usageCoreNanoSeconds += cpu.usageCoreNanoSeconds;
      pod.memory.usageBytes += memory.usageBytes;
      pod.memory.workingSetBytes += memory.workingSetBytes;
    }
    return [...pods.values()];
  }

  /** summary is the /stats/summary document. */
  summary(): Summary {
    const pods = this.listPodStats();
    const now = iso(this.clock.now());
    const cores = pods.reduce((n, p) => n + p.cpu.usageNanoCores, nodeBaseNanoCores);
    const bytes = pods.reduce((n, p) => n + p.memory.workingSetBytes, nodeBaseBytes);
    return {
      node: {
        nodeName: this.nodeName,
        startTime: iso(this.startTime),
        cpu: { time: now, usageNanoCores: cores, usageCoreNanoSeconds: Math.round(((this.clock.now() - this.startTime) / 1000) * cores) },
        memory: { time: now, usageBytes: bytes, workingSetBytes: bytes },
      },
      pods,
    };
  }
}
