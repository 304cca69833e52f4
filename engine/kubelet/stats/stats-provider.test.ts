import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import type { RuntimeService } from '../cri/api.js';
import { StatsProvider, type CPUAccounting } from './stats-provider.js';

const idleNanoCores = 1_000_000;

/** fakeRuntime runs one container "web" started at start; work is the CPU its programs accounted. */
function fakeRuntime(clock: VirtualClock, start: number, work: { ns: number }) {
  const running = { id: 'c1', podSandboxId: 's1', metadata: { name: 'nginx' }, labels: { 'io.kubernetes.pod.uid': 'u1', 'io.kubernetes.pod.name': 'web', 'io.kubernetes.pod.namespace': 'default' }, startedAt: start };
  return {
    listContainers: () => [running],
    containerStats: () => ({ id: 'c1', timestamp: clock.now(), cpu: { usageNanoCores: idleNanoCores, usageCoreNanoSeconds: ((clock.now() - start) / 1000) * idleNanoCores }, memory: { workingSetBytes: 1024, usageBytes: 1024 } }),
    podSandboxStatus: () => ({ createdAt: start }),
    processOf: () => ({ cpuUsage: () => work.ns }),
  } as unknown as RuntimeService & CPUAccounting;
}

const cores = (p: StatsProvider) => Math.round(p.summary().pods[0]!.containers[0]!.cpu.usageNanoCores / 1e6);

describe('StatsProvider CPU usage', () => {
  it('is the growth of CPU time since the previous summary: load shows up, then goes away', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const work = { ns: 0 };
    const stats = new StatsProvider(fakeRuntime(clock, start, work), clock, 'node-1', start);
    await clock.advance(10_000);
    expect(cores(stats)).toBe(1); // idle: 1 millicore
    // 50 requests of 10 ms in the next 10 s: half a core, plus idle.
    work.ns += 50 * 10_000_000;
    await clock.advance(10_000);
    expect(cores(stats)).toBe(51);
    const summary = stats.summary();
    expect(summary.pods[0]!.cpu.usageNanoCores).toBe(summary.pods[0]!.containers[0]!.cpu.usageNanoCores);
    expect(summary.pods[0]!.containers[0]!.cpu.usageCoreNanoSeconds).toBe(20 * idleNanoCores + 500_000_000);
    await clock.advance(15_000);
    expect(cores(stats)).toBe(1);
  });

  it('keeps the last rate for summaries less than a second apart, and averages a first summary over the lifetime', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const work = { ns: 2_000_000_000 };
    const stats = new StatsProvider(fakeRuntime(clock, start, work), clock, 'node-1', start);
    await clock.advance(20_000);
    expect(cores(stats)).toBe(101); // 2 s of work over 20 s
    work.ns += 1_000_000_000;
    expect(cores(stats)).toBe(101);
    const node = stats.summary().node;
    expect(node.cpu.usageNanoCores).toBeGreaterThan(101 * 1e6);
  });
});
