// Mirrors k8s.io/kubectl/pkg/drain/drain.go (Helper): lists a node's pods, runs the filters, then
// evicts them through pods/<name>/eviction (policy/v1) — or deletes them when eviction is off or not
// served — and waits, polling once a second on the injected clock, until each pod is gone.
import { StatusError } from '../../apimachinery/api/errors/errors.js';
import type { Clock } from '../../util/clock.js';
import type { RESTClient } from '../rest/client.js';
import type { Discovery } from '../rest/discovery.js';
import { makeFilters, PodDeleteList, type PodDelete, type PodDeleteStatus, type PodLike } from './filters.js';

/** GoAggregate is utilerrors.Aggregate: one message alone, several as "[a, b]". */
export class GoAggregate extends Error {
  constructor(readonly errors: Error[]) {
    super(errors.length === 1 ? errors[0]!.message : `[${errors.map((e) => e.message).join(', ')}]`);
  }

  /** flatten lists the leaf errors of nested aggregates. */
  flatten(): Error[] {
    return this.errors.flatMap((e) => (e instanceof GoAggregate ? e.flatten() : [e]));
  }
}

export interface HelperOptions {
  client: RESTClient;
  discovery: Discovery;
  clock: Clock;
  out: (s: string) => void;
  errOut: (s: string) => void;
  force: boolean;
  ignoreAllDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  disableEviction: boolean;
  /** gracePeriodSeconds is -1 to use each pod's own. */
  gracePeriodSeconds: number;
  /** timeoutMs is the global timeout; 0 waits forever. */
  timeoutMs: number;
  podSelector: string;
  skipWaitForDeleteTimeoutSeconds: number;
  serverDryRun: boolean;
  /** onPodDeletedOrEvicted reports each pod once it is gone. */
  onPodDeletedOrEvicted?: (pod: PodLike, usingEviction: boolean) => void;
  signal?: AbortSignal;
}

const is = (err: unknown, code: number) => err instanceof StatusError && err.status.code === code;

export class Helper {
  constructor(readonly o: HelperOptions) {}

  /** getPodsForDeletion lists the node's pods and keeps, per pod, the status of the last filter that ran. */
  async getPodsForDeletion(nodeName: string): Promise<{ list: PodDeleteList; errors: Error[] }> {
    const query: Record<string, string> = { fieldSelector: `spec.nodeName=${nodeName}` };
    if (this.o.podSelector) query.labelSelector = this.o.podSelector;
    const podList = await this.o.client.get<{ items: PodLike[] }>('/api/v1/pods', { query });
    const filters = makeFilters({
      ...this.o,
      daemonSetError: async (ns, name) => {
        try {
          await this.o.client.get(`/apis/apps/v1/namespaces/${ns}/daemonsets/${name}`);
          return undefined;
        } catch (err) {
          return { notFound: is(err, 404), message: err instanceof Error ? err.message : String(err) };
        }
      },
    });
    const items: PodDelete[] = [];
    for (const pod of podList.items ?? []) {
      let status: PodDeleteStatus = { delete: true, reason: 'Okay' };
      for (const filter of filters) {
        status = await filter(pod);
        if (!status.delete) break;
      }
      items.push({ pod, status });
    }
    const list = new PodDeleteList(items);
    return { list, errors: list.errors() };
  }

  /** deleteOrEvictPods evicts when the server serves pods/eviction, otherwise deletes. */
  async deleteOrEvictPods(pods: PodLike[]): Promise<void> {
    if (!pods.length) return;
    if (!this.o.disableEviction && (await this.evictionSupported())) return this.evictPods(pods);
    return this.deletePods(pods);
  }

  /** evictionSupported is CheckEvictionSupport: v1 lists pods/eviction with a group and version. */
  private async evictionSupported(): Promise<boolean> {
    await this.o.discovery.load();
    const pods = this.o.discovery.resources.find((r) => r.group === '' && r.name === 'pods');
    return !!pods?.subresources.includes('eviction');
  }

  private deleteOptions(): Record<string, unknown> {
    return this.o.gracePeriodSeconds >= 0 ? { gracePeriodSeconds: this.o.gracePeriodSeconds } : {};
  }

  private dryRunQuery() {
    return this.o.serverDryRun ? { query: { dryRun: 'All' } } : {};
  }

  async evictPod(pod: PodLike): Promise<void> {
    const { name, namespace } = pod.metadata;
    await this.o.client.do('POST', `/api/v1/namespaces/${namespace}/pods/${name}/eviction`, {
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace }, deleteOptions: { ...this.deleteOptions(), ...(this.o.serverDryRun ? { dryRun: ['All'] } : {}) } },
      ...this.dryRunQuery(),
    });
  }

  private async evictPods(pods: PodLike[]): Promise<void> {
    const deadline = this.o.timeoutMs ? this.o.clock.now() + this.o.timeoutMs : Infinity;
    const timeoutText = this.o.timeoutMs ? formatDuration(this.o.timeoutMs) : '2562047h47m16.854775807s';
    const one = async (pod: PodLike): Promise<Error | undefined> => {
      for (;;) {
        this.o.out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}\n`);
        if (this.o.clock.now() >= deadline) return new Error(`error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}": global timeout reached: ${timeoutText}`);
        try {
          await this.evictPod(pod);
          break;
        } catch (err) {
          if (is(err, 404)) return undefined;
          if (is(err, 429)) {
            this.o.errOut(`error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}" (will retry after 5s): ${(err as Error).message}\n`);
            await this.o.clock.sleep(5000);
            continue;
          }
          return new Error(`error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}": ${(err as Error).message}`);
        }
      }
      if (this.o.serverDryRun) return undefined;
      try {
        await this.waitForDelete([pod], true, deadline, timeoutText);
        return undefined;
      } catch (err) {
        return new Error(`error when waiting for pod "${pod.metadata.name}" in namespace "${pod.metadata.namespace}" to terminate: ${(err as Error).message}`);
      }
    };
    const errors = (await Promise.all(pods.map(one))).filter((e): e is Error => !!e);
    if (errors.length) throw new GoAggregate(errors);
  }

  private async deletePods(pods: PodLike[]): Promise<void> {
    const deadline = this.o.timeoutMs ? this.o.clock.now() + this.o.timeoutMs : Infinity;
    for (const pod of pods) {
      try {
        await this.o.client.do('DELETE', `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`, { body: this.deleteOptions(), ...this.dryRunQuery() });
      } catch (err) {
        if (!is(err, 404)) throw err;
      }
    }
    if (this.o.serverDryRun) return;
    await this.waitForDelete(pods, false, deadline, this.o.timeoutMs ? formatDuration(this.o.timeoutMs) : '');
  }

  /** waitForDelete polls each pod until it is gone (or replaced by a pod with another UID). */
  private async waitForDelete(pods: PodLike[], usingEviction: boolean, deadline: number, timeoutText: string): Promise<void> {
    let pending = pods;
    for (;;) {
      const next: PodLike[] = [];
      for (const pod of pending) {
        let current: PodLike | undefined;
        try {
          current = await this.o.client.get<PodLike>(`/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`);
        } catch (err) {
          if (!is(err, 404)) throw err;
        }
        if (!current || current.metadata.uid !== pod.metadata.uid) {
          this.o.onPodDeletedOrEvicted?.(pod, usingEviction);
          continue;
        }
        const skipAfter = this.o.skipWaitForDeleteTimeoutSeconds;
        if (skipAfter > 0 && current.metadata.deletionTimestamp && (this.o.clock.now() - Date.parse(current.metadata.deletionTimestamp)) / 1000 > skipAfter) {
          this.o.out(`pod ${pod.metadata.name} was marked as deleted more than ${skipAfter} seconds ago, skipping\n`);
          continue;
        }
        next.push(pod);
      }
      pending = next;
      if (!pending.length) return;
      if (this.o.signal?.aborted) throw new Error('context canceled');
      if (this.o.clock.now() >= deadline) throw new Error(`global timeout reached: ${timeoutText}`);
      await this.o.clock.sleep(1000);
    }
  }
}

/** formatDuration prints milliseconds as Go's time.Duration does ("30s", "1m30s", "2h0m0s"). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const totalS = ms / 1000;
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = +(totalS % 60).toFixed(3);
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

/** parseDuration reads a Go duration ("0s", "90s", "1m30s", "500ms", "2h"). */
export function parseDuration(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let seen = '';
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as Record<string, number>)[m[2]!]!;
    seen += m[0];
  }
  if (!text || seen !== text) throw new Error(`time: invalid duration "${text}"`);
  return total;
}
