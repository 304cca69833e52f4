// Mirrors pkg/controller/namespace/deletion/namespaced_resources_deleter.go: for a Terminating
// namespace, discover every namespaced resource that can be listed and deleted, delete all of its
// objects in the namespace (deletecollection where served), and once nothing is left call
// namespaces/<name>/finalize to drop the "kubernetes" finalizer. While objects remain (pods in
// graceful termination, finalizers), Delete reports an estimate of seconds to wait.
// Simplified: the namespace status conditions (NamespaceContentRemaining, …) are not written.
import type { Namespace } from '../../../api/core/v1/types.js';
import { isConflict, isNotFound } from '../../../apimachinery/api/errors/errors.js';
import type { GroupVersionResource } from '../../../apimachinery/runtime/schema/group-version.js';
import type { Clientset } from '../../../client/kubernetes/clientset.js';
import { defaultHost } from '../../../client/rest/config.js';

export const FinalizerKubernetes = 'kubernetes';
/** finalizerEstimateSeconds is the wait when objects remain only because of finalizers. */
const finalizerEstimateSeconds = 15;

/** ResourcesRemainingError: content is still going away; check again after estimate seconds. */
export class ResourcesRemainingError extends Error {
  constructor(readonly estimate: number) {
    super(`some content remains in the namespace, estimate ${estimate} seconds before it is removed`);
  }
}

interface DiscoveredResource {
  gvr: GroupVersionResource;
  verbs: string[];
}

export class NamespacedResourcesDeleter {
  constructor(private readonly client: Clientset) {}

  /** delete cleans a Terminating namespace and finalizes it; throws ResourcesRemainingError to wait. */
  async delete(nsName: string): Promise<void> {
    const namespaces = this.client.coreV1().namespaces();
    let ns: Namespace;
    try {
      ns = await namespaces.get(nsName);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (!ns.metadata.deletionTimestamp) return;
    if (!(ns.spec?.finalizers ?? []).includes(FinalizerKubernetes)) return; // finalized already
    const estimate = await this.deleteAllContent(nsName);
    if (estimate > 0) throw new ResourcesRemainingError(estimate);
    await this.finalizeNamespace(nsName);
  }

  /** discover lists namespaced, deletable resources from the server's discovery documents. */
  async discover(): Promise<DiscoveredResource[]> {
    const out: DiscoveredResource[] = [];
    const groupVersions = ['v1'];
    const groups = (await this.getJSON('/apis')) as { groups?: { preferredVersion?: { groupVersion: string } }[] };
    for (const g of groups.groups ?? []) if (g.preferredVersion) groupVersions.push(g.preferredVersion.groupVersion);
    for (const gv of groupVersions) {
      const path = gv === 'v1' ? '/api/v1' : `/apis/${gv}`;
      const list = (await this.getJSON(path)) as { resources?: { name: string; namespaced: boolean; verbs: string[] }[] };
      const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
      for (const r of list.resources ?? []) {
        if (r.name.includes('/') || !r.namespaced) continue;
        if (!r.verbs.includes('list') || !(r.verbs.includes('delete') || r.verbs.includes('deletecollection'))) continue;
        out.push({ gvr: { group: group!, version: version!, resource: r.name }, verbs: r.verbs });
      }
    }
    return out;
  }

  private async getJSON(path: string): Promise<unknown> {
    const res = await this.client.config.transport(new Request(new URL(path, this.client.config.host ?? defaultHost), { headers: { Accept: 'application/json' } }));
    if (!res.ok) throw new Error(`unable to retrieve the complete list of server APIs: ${path}: ${res.status}`);
    return res.json();
  }

  /** deleteAllContent deletes every object of every namespaced resource; returns the wait estimate. */
  async deleteAllContent(ns: string): Promise<number> {
    let estimate = 0;
    const errors: unknown[] = [];
    for (const r of await this.discover()) {
      try {
        estimate = Math.max(estimate, await this.deleteAllContentForGroupVersionResource(r, ns));
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw errors[0];
    return estimate;
  }

  private async deleteAllContentForGroupVersionResource(r: DiscoveredResource, ns: string): Promise<number> {
    const c = this.client.resource(r.gvr, ns);
    let estimate = 0;
    if (r.gvr.group === '' && r.gvr.resource === 'pods') estimate = await this.estimateGracefulTermination(ns);
    if (r.verbs.includes('deletecollection')) {
      await c.deleteCollection({ propagationPolicy: 'Background' });
    } else {
      for (const item of (await c.list()).items) {
        if (item.metadata.deletionTimestamp) continue;
        await c.delete(item.metadata.name ?? '', { propagationPolicy: 'Background' }).catch((err) => {
          if (!isNotFound(err)) throw err;
        });
      }
    }
    const remaining = (await c.list()).items;
    // Objects held only by finalizers get a default wait, so their controllers can finish.
    if (remaining.length && estimate === 0) estimate = finalizerEstimateSeconds;
    return remaining.length ? estimate : 0;
  }

  /** estimateGracefulTermination is the longest grace period of the namespace's pods. */
  private async estimateGracefulTermination(ns: string): Promise<number> {
    let estimate = 0;
    for (const pod of (await this.client.coreV1().pods(ns).list()).items) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      const grace = Math.max(pod.spec?.terminationGracePeriodSeconds ?? 30, pod.metadata.deletionGracePeriodSeconds ?? 0);
      estimate = Math.max(estimate, grace);
    }
    return estimate;
  }

  /** finalizeNamespace PUTs namespaces/<name>/finalize without the "kubernetes" finalizer. */
  private async finalizeNamespace(name: string): Promise<void> {
    const rc = this.client.coreV1().restClient;
    for (let i = 0; i < 5; i++) {
      const ns = await this.client.coreV1().namespaces().get(name);
      const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== FinalizerKubernetes);
      const body: Namespace = { ...ns, spec: { ...ns.spec, finalizers } };
      try {
        await rc.put().resource('namespaces').name(name).subResource('finalize').body(body).do<Namespace>();
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err)) throw err;
      }
    }
  }
}
