// Scenario harness: a whole Kubelab cluster (control plane, controllers, scheduler, DNS, N nodes with
// kube-proxy and kubelet) on the virtual clock, driven the way a learner drives it — with kubectl,
// curl through the dataplane and `kubectl exec` into containers.
import { expect } from 'vitest';
import type { Event, Pod } from '../../engine/api/core/v1/types.js';
import { Cluster, type ClusterOptions } from '../../engine/cluster/cluster.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { runKubectl } from '../../engine/kubectl/cmd/cmd.js';
import { memoryFiles } from '../../engine/kubectl/cmd/util/io.js';
import { NET_TOOLS } from '../../engine/net/tools/index.js';
import type { NetNamespace } from '../../engine/net/netns.js';
import { VirtualClock } from '../../engine/util/clock.js';

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export class Scenario {
  readonly files: Record<string, string> = {};
  private constructor(
    readonly cluster: Cluster,
    readonly clock: VirtualClock,
    readonly errors: string[],
  ) {}

  /** start brings up a cluster (3 nodes by default) and waits until every node is Ready. */
  static async start(options: Partial<ClusterOptions> = {}): Promise<Scenario> {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const errors: string[] = [];
    const cluster = await advanceUntil(
      clock,
      Cluster.start({ nodes: 3, seed: 7, onError: (c, e) => void errors.push(`${c}: ${String(e)}`), ...options, clock }),
    );
    const s = new Scenario(cluster, clock, errors);
    await s.waitFor('nodes Ready', async () => {
      const nodes = (await cluster.client.coreV1().nodes().list()).items;
      return nodes.length === (options.nodes ?? 3) && nodes.every((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    });
    return s;
  }

  async stop(): Promise<void> {
    await advanceUntil(this.clock, this.cluster.stop());
  }

  get client() {
    return this.cluster.client;
  }

  /** kubectl runs our kubectl against the API server; files are what -f can read. */
  async kubectl(...args: string[]): Promise<Result> {
    return this.kubectlInBackground(...args).wait();
  }

  /**
   * kubectlInBackground starts kubectl without driving the clock, for commands that run while the
   * test does other things (rolling-update, rollout status); done tells whether it has finished.
   */
  kubectlInBackground(...args: string[]): { done: () => boolean; wait: () => Promise<Result>; result: Promise<Result> } {
    let stdout = '';
    let stderr = '';
    let finished = false;
    const run = runKubectl(args, {
      transport: this.cluster.plane.transport,
      stdin: async () => '',
      stdout: (s) => void (stdout += s),
      stderr: (s) => void (stderr += s),
      env: {},
      files: memoryFiles(this.files),
      clock: this.clock,
    }).finally(() => void (finished = true));
    return {
      done: () => finished,
      result: run.then((code) => ({ code, stdout, stderr })),
      wait: async () => {
        const code = await advanceUntil(this.clock, run, 100);
        return { code, stdout, stderr };
      },
    };
  }

  /** ok runs kubectl and fails the test when it does not exit 0. */
  async ok(...args: string[]): Promise<string> {
    const r = await this.kubectl(...args);
    expect(r.stderr, `kubectl ${args.join(' ')}`).toBe('');
    expect(r.code, `kubectl ${args.join(' ')}`).toBe(0);
    return r.stdout;
  }

  /** apply writes a manifest to the in-memory files and runs `kubectl apply -f` on it. */
  async apply(name: string, yaml: string, ...extra: string[]): Promise<string> {
    this.files[`/m/${name}`] = yaml;
    return this.ok('apply', '-f', `/m/${name}`, ...extra);
  }

  /** waitFor advances the clock a second at a time until cond holds (at most maxSeconds). */
  async waitFor(what: string, cond: () => Promise<boolean> | boolean, maxSeconds = 120, stepMs = 1000): Promise<number> {
    const start = this.clock.now();
    for (let i = 0; i * stepMs <= maxSeconds * 1000; i++) {
      if (await cond()) return this.clock.now() - start;
      await advanceUntil(this.clock, this.clock.sleep(stepMs), Math.min(250, stepMs));
    }
    throw new Error(`timed out after ${maxSeconds}s waiting for ${what}; component errors: ${this.errors.slice(-5).join('; ')}`);
  }

  /** failNode powers a node off as a crash would: kubelet and kube-proxy stop, no more heartbeats. */
  async failNode(name: string): Promise<void> {
    await advanceUntil(this.clock, this.cluster.failNode(name));
  }

  /** idle lets seconds of cluster time pass (timers fire, controllers and proxies sync). */
  async idle(seconds: number): Promise<void> {
    await advanceUntil(this.clock, this.clock.sleep(seconds * 1000), 250);
  }

  async pods(namespace = 'default', labelSelector?: string): Promise<Pod[]> {
    return (await this.client.coreV1().pods(namespace).list({ labelSelector })).items;
  }

  async running(namespace: string, labelSelector: string, n: number, maxSeconds = 120): Promise<Pod[]> {
    let pods: Pod[] = [];
    await this.waitFor(`${n} running pods ${labelSelector}`, async () => {
      pods = (await this.pods(namespace, labelSelector)).filter((p) => !p.metadata.deletionTimestamp);
      return pods.length === n && pods.every((p) => p.status?.phase === 'Running' && p.status.containerStatuses?.every((c) => c.ready));
    }, maxSeconds).catch((err: Error) => {
      const states = pods.map((p) => `${p.metadata.name}@${p.spec?.nodeName}: ${p.status?.phase} ${JSON.stringify(p.status?.containerStatuses?.map((c) => c.state))}`);
      throw new Error(`${err.message}\npods: ${states.join('\n')}`);
    });
    return pods;
  }

  async events(namespace = 'default'): Promise<Event[]> {
    return (await this.client.coreV1().events(namespace).list()).items;
  }

  /** exec is `kubectl exec -n NS POD -c CONTAINER -- cmd…` (API server → kubelet → runtime). */
  async exec(pod: Pod, cmd: string[], container?: string): Promise<Result> {
    const c = container ?? pod.spec!.containers[0]!.name;
    return this.kubectl('exec', '-n', pod.metadata.namespace!, pod.metadata.name!, '-c', c, '--', ...cmd);
  }

  /** runtimeExec runs cmd in a pod's container straight through its node's container runtime. */
  async runtimeExec(pod: Pod, cmd: string[], container?: string): Promise<Result> {
    const node = this.cluster.nodes.get(pod.spec!.nodeName!);
    const kubelet = node?.kubelet;
    if (!kubelet) throw new Error(`no kubelet on ${pod.spec?.nodeName}`);
    const id = kubelet.runningContainerID(pod.metadata.namespace!, pod.metadata.name!, container ?? pod.spec!.containers[0]!.name);
    const r = await advanceUntil(this.clock, kubelet.runtime.execSync(id, cmd, 30), 100);
    return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
  }

  /** podNetns is the pod's network namespace (the pause sandbox's). */
  podNetns(pod: Pod): NetNamespace {
    const kubelet = this.cluster.nodes.get(pod.spec!.nodeName!)!.kubelet!;
    const sb = kubelet.runtime.listPodSandbox({ state: 'SANDBOX_READY' }).find((s) => s.metadata.uid === pod.metadata.uid);
    const ns = sb && kubelet.runtime.sandboxNetNamespace(sb.id);
    if (!ns) throw new Error(`no sandbox for ${pod.metadata.name}`);
    return ns;
  }

  /** tool runs a node-shell network tool (curl, nslookup, …) in a namespace. */
  async tool(netns: NetNamespace, name: string, argv: string[], resolv?: { nameservers: string[]; search: string[]; ndots?: number }): Promise<Result> {
    let stdout = '';
    let stderr = '';
    const run = NET_TOOLS[name]!(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, { netns, clock: this.clock, tools: NET_TOOLS, resolv });
    const code = await advanceUntil(this.clock, run, 50);
    return { code, stdout, stderr };
  }
}

/** table splits kubectl's table output into rows of columns (header first). */
export function table(out: string): string[][] {
  return out.trim().split('\n').filter(Boolean).map((l) => l.trim().split(/\s{2,}|\s+/));
}
