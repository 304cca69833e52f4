// Mirrors pkg/kubelet/stats (cri_stats_provider.go, with cadvisor's derived usage) and the Summary
// API's shape (k8s.io/kubelet/pkg/apis/stats/v1alpha1): per-container CPU and memory, summed per pod
// and for the node — what metrics-server reads for `kubectl top` and the HPA.
// A container's CPU time is the runtime's idle accounting (1 millicore while running) plus what its
// programs accounted for their work (ctx.cpu: nginx charges each request served). usageNanoCores is,
// as getAndUpdateContainerUsageNanoCores computes it, the growth of that total since the previous
// summary divided by the time between them — so load shows up within one scrape interval and
// disappears as fast; the first summary of a container averages over its lifetime.
import type { Clock } from '../../util/clock.js';
import type { RuntimeService } from '../cri/api.js';

/** CPUAccounting reads the CPU time a container's programs accounted (the runtime's processOf). */
export interface CPUAccounting {
  processOf?(id: string): { cpuUsage?(): number } | undefined;
}

/** minUsageInterval: summaries closer than this reuse the last rate (no division by a tiny interval). */
const minUsageInterval = 1000;

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
  /** usageCache is each container's last total and rate (cpuUsageCache upstream). */
  private readonly usageCache = new Map<string, { at: number; total: number; rate: number }>();

  constructor(
    private readonly runtime: RuntimeService & CPUAccounting,
    private readonly clock: Clock,
    private readonly nodeName: string,
    private readonly startTime: number,
  ) {}

  /** cpuOf is a container's total CPU time and its rate since the previous summary. */
  private cpuOf(id: string, startedAt: number, idle: { usageNanoCores: number; usageCoreNanoSeconds: number }): { usageNanoCores: number; usageCoreNanoSeconds: number } {
    const work = this.runtime.processOf?.(id)?.cpuUsage?.() ?? 0;
    const total = idle.usageCoreNanoSeconds + work;
    const now = this.clock.now();
    const cached = this.usageCache.get(id);
    if (cached && now - cached.at < minUsageInterval) return { usageNanoCores: cached.rate, usageCoreNanoSeconds: total };
    const since = cached ?? { at: startedAt, total: 0 };
    const elapsed = now - since.at;
    const rate = elapsed > 0 ? Math.max(0, ((total - since.total) * 1000) / elapsed) : idle.usageNanoCores;
    this.usageCache.set(id, { at: now, total, rate });
    return { usageNanoCores: rate, usageCoreNanoSeconds: total };
  }

  /** listPodStats groups running containers' stats by pod. */
  listPodStats(): PodStats[] {
    const now = iso(this.clock.now());
    const pods = new Map<string, PodStats>();
    const running = this.runtime.listContainers({ state: 'CONTAINER_RUNNING' });
    // Containers that stopped leave the cache.
    const ids = new Set(running.map((c) => c.id));
    for (const id of this.usageCache.keys()) if (!ids.has(id)) this.usageCache.delete(id);
    for (const c of running) {
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
      const cpu = { time: now, ...this.cpuOf(c.id, c.startedAt, s.cpu) };
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
