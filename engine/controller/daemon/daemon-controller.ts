// Mirrors pkg/controller/daemon/daemon_controller.go: one pod per eligible node (nodeSelector, node
// affinity, taints against the daemon tolerations), pods pinned with a metadata.name node affinity
// for the scheduler to bind, failed and surplus pods removed, RollingUpdate or OnDelete, and the
// status counts. Simplified: the template hash stands in for ControllerRevisions; no surge.
import type { DaemonSet, DaemonSetStatus } from '../../api/apps/v1/types.js';
import type { Node, Pod } from '../../api/core/v1/types.js';
import { isNotFound } from '../../apimachinery/api/errors/errors.js';
import { labelSelectorAsSelector } from '../../apimachinery/apis/meta/v1/helpers.js';
import type { Lister } from '../../client/tools/cache/listers.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { ControllerContext } from '../controller-context.js';
import { ControllerExpectations, fromTombstone, getControllerOf, isPodAvailable, isPodReady, keyFunc, newControllerRef, RealPodControl } from '../controller-utils.js';
import { processNextWorkItem, runWhenSynced } from '../worker.js';
import { podsToDeleteForRollingUpdate } from './update.js';
import { defaultDaemonSetUniqueLabelKey, getTargetNodeName, newDaemonPodTemplate, nodeShouldRunDaemonPod, templateHash } from './util/daemonset-util.js';

export const controllerKind = { apiVersion: 'apps/v1', kind: 'DaemonSet' };

export class DaemonSetsController {
  readonly queue: RateLimitingType<string>;
  readonly expectations: ControllerExpectations;
  readonly podControl: RealPodControl;
  readonly dsLister: Lister<DaemonSet>;
  readonly podLister: Lister<Pod>;
  readonly nodeLister: Lister<Node>;
  private readonly synced: (() => boolean)[];
  /** syncHandler is syncDaemonSet; tests may replace it. */
  syncHandler: (key: string) => Promise<void> = (key) => this.syncDaemonSet(key);

  constructor(private readonly ctx: ControllerContext) {
    this.queue = newRateLimitingQueue<string>(ctx.clock);
    this.expectations = new ControllerExpectations(ctx.clock);
    this.podControl = new RealPodControl(ctx.clientset, ctx.recorder);
    const dss = ctx.informerFactory.apps().v1().daemonSets();
    const pods = ctx.informerFactory.core().v1().pods();
    const nodes = ctx.informerFactory.core().v1().nodes();
    this.dsLister = dss.lister();
    this.podLister = pods.lister();
    this.nodeLister = nodes.lister();
    this.synced = [dss, pods, nodes].map((i) => () => i.informer().hasSynced());
    dss.informer().addEventHandler({
      onAdd: (d) => this.enqueue(d),
      onUpdate: (_o, n) => this.enqueue(n),
      onDelete: (d) => {
        this.expectations.deleteExpectations(keyFunc(fromTombstone(d)));
        this.enqueue(fromTombstone(d));
      },
    });
    pods.informer().addEventHandler({
      onAdd: (p) => this.podEvent(p, 'add'),
      onUpdate: (o, n) => o.metadata.resourceVersion !== n.metadata.resourceVersion && this.podEvent(n, n.metadata.deletionTimestamp && !o.metadata.deletionTimestamp ? 'delete' : 'update'),
      onDelete: (p) => this.podEvent(fromTombstone(p), fromTombstone(p).metadata.deletionTimestamp ? 'update' : 'delete'),
    });
    // Any node change may change where daemons should run.
    const all = () => this.dsLister.list().forEach((d) => this.enqueue(d));
    nodes.informer().addEventHandler({ onAdd: all, onUpdate: (o, n) => o.metadata.resourceVersion !== n.metadata.resourceVersion && all(), onDelete: all });
  }

  enqueue(ds: DaemonSet): void {
    this.queue.add(keyFunc(ds));
  }

  private podEvent(pod: Pod, kind: 'add' | 'update' | 'delete'): void {
    const ref = getControllerOf(pod);
    if (ref?.kind !== 'DaemonSet') return;
    const key = `${pod.metadata.namespace}/${ref.name}`;
    if (kind === 'add') this.expectations.creationObserved(key);
    if (kind === 'delete') this.expectations.deletionObserved(key);
    this.queue.add(key);
  }

  run(workers: number, signal: AbortSignal): Promise<void> {
    return runWhenSynced(workers, this.queue, this.ctx.clock, signal, this.synced, () => this.worker());
  }

  async worker(): Promise<void> {
    while (await processNextWorkItem(this.queue, this.syncHandler)) {
      /* keep going */
    }
  }

  /** getNodesToDaemonPods maps node names to the daemon set's pods on (or pinned to) them. */
  getNodesToDaemonPods(ds: DaemonSet): Map<string, Pod[]> {
    const selector = labelSelectorAsSelector(ds.spec?.selector);
    const out = new Map<string, Pod[]>();
    for (const pod of this.podLister.byNamespace(ds.metadata.namespace ?? '').list(selector)) {
      if (getControllerOf(pod)?.uid !== ds.metadata.uid) continue;
      const node = getTargetNodeName(pod);
      if (!node) continue;
      out.set(node, [...(out.get(node) ?? []), pod]);
    }
    return out;
  }

  async syncDaemonSet(key: string): Promise<void> {
    const [ns, name] = key.split('/') as [string, string];
    let ds: DaemonSet;
    try {
      ds = this.dsLister.get(ns, name);
    } catch (err) {
      if (isNotFound(err)) return void this.expectations.deleteExpectations(key);
      throw err;
    }
    if (ds.metadata.deletionTimestamp) return;
    const hash = templateHash(ds);
    const nodes = this.nodeLister.list();
    const nodeToPods = this.getNodesToDaemonPods(ds);
    if (this.expectations.satisfiedExpectations(key)) {
      await this.manage(ds, nodes, nodeToPods, hash);
      if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && this.expectations.satisfiedExpectations(key)) {
        // Every node that should run the daemon counts, with or without a pod right now.
        const eligible = new Map(nodes.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun).map((n) => [n.metadata.name ?? '', nodeToPods.get(n.metadata.name ?? '') ?? []]));
        await this.syncNodes(ds, [], podsToDeleteForRollingUpdate(ds, eligible, hash, this.ctx.clock.now()), hash);
      }
    }
    await this.updateDaemonSetStatus(ds, nodes, this.getNodesToDaemonPods(ds), hash);
  }

  /** manage creates pods on nodes that need one and deletes those that should not be there. */
  private async manage(ds: DaemonSet, nodes: Node[], nodeToPods: Map<string, Pod[]>, hash: string): Promise<void> {
    const create: string[] = [];
    const del: Pod[] = [];
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
      const pods = (nodeToPods.get(name) ?? []).filter((p) => !p.metadata.deletionTimestamp);
      if (shouldRun && pods.length === 0) create.push(name);
      else if (shouldContinueRunning) {
        // Failed pods are deleted (and replaced next sync); of several, the oldest stays.
        const failed = pods.filter((p) => p.status?.phase === 'Failed');
        del.push(...failed);
        const running = pods.filter((p) => p.status?.phase !== 'Failed');
        if (running.length > 1) {
          running.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
          del.push(...running.slice(1));
        }
      } else del.push(...pods);
    }
    // Pods pinned to nodes that no longer exist.
    for (const [nodeName, pods] of nodeToPods) if (!nodes.some((n) => n.metadata.name === nodeName)) del.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
    await this.syncNodes(ds, create, del, hash);
  }

  private async syncNodes(ds: DaemonSet, create: string[], del: Pod[], hash: string): Promise<void> {
    if (create.length === 0 && del.length === 0) return;
    const key = keyFunc(ds);
    const ns = ds.metadata.namespace ?? 'default';
    this.expectations.setExpectations(key, create.length, del.length);
    const errors: unknown[] = [];
    for (const node of create) {
      try {
        await this.podControl.createPods(ns, newDaemonPodTemplate(ds, node, hash), ds, newControllerRef(ds, controllerKind));
      } catch (err) {
        this.expectations.creationObserved(key);
        errors.push(err);
      }
    }
    for (const pod of del) {
      try {
        await this.podControl.deletePod(ns, pod.metadata.name ?? '', ds);
      } catch (err) {
        this.expectations.deletionObserved(key);
        if (!isNotFound(err)) errors.push(err);
      }
    }
    if (errors.length) throw errors[0];
  }

  private async updateDaemonSetStatus(ds: DaemonSet, nodes: Node[], nodeToPods: Map<string, Pod[]>, hash: string): Promise<void> {
    const now = this.ctx.clock.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const st: DaemonSetStatus = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0, updatedNumberScheduled: 0, numberAvailable: 0, numberUnavailable: 0 };
    for (const node of nodes) {
      const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
      const pods = (nodeToPods.get(node.metadata.name ?? '') ?? []).filter((p) => !p.metadata.deletionTimestamp);
      if (shouldRun) {
        st.desiredNumberScheduled++;
        if (pods.length === 0) continue;
        st.currentNumberScheduled++;
        const pod = pods[0]!;
        if (isPodReady(pod)) st.numberReady++;
        if (isPodAvailable(pod, minReady, now)) st.numberAvailable!++;
        if (pod.metadata.labels?.[defaultDaemonSetUniqueLabelKey] === hash) st.updatedNumberScheduled!++;
      } else if (pods.length > 0) st.numberMisscheduled++;
    }
    st.numberUnavailable = st.desiredNumberScheduled - st.numberAvailable!;
    st.observedGeneration = ds.metadata.generation;
    const old = ds.status ?? ({} as Partial<DaemonSetStatus>);
    const same = (Object.keys(st) as (keyof DaemonSetStatus)[]).every((k) => (old[k] ?? 0) === (st[k] ?? 0));
    if (same) return;
    try {
      await this.ctx.clientset.appsV1().daemonSets(ds.metadata.namespace ?? 'default').updateStatus({ ...ds, status: { ...old, ...st } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

/** newDaemonSetsController is the constructor the controller manager registers as "daemonset". */
export function newDaemonSetsController(ctx: ControllerContext): DaemonSetsController {
  return new DaemonSetsController(ctx);
}
