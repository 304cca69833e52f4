// Mirrors pkg/scheduler/framework/plugins/serviceaffinity/service_affinity.go (removed upstream in
// v1.23, kept for the books' CheckServiceAffinity): pods of one service land on nodes that share
// the values of affinityLabels with where the service's first pod runs (Filter), and are spread
// over the values of antiAffinityLabelsPreference (Score; the ServiceAntiAffinity priority).
import type { Pod } from '../../../../api/core/v1/types.js';
import { selectorFromSet } from '../../../../apimachinery/labels/selector.js';
import { Code, MaxNodeScore, Status, type FilterPlugin, type Handle, type NodeScore, type ScorePlugin } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';
import * as names from '../names/names.js';

export const Name = names.ServiceAffinity;
export const ErrReason = "node(s) didn't match service affinity";

export interface ServiceAffinityArgs {
  affinityLabels?: string[];
  antiAffinityLabelsPreference?: string[];
}

export class ServiceAffinityPlugin implements FilterPlugin, ScorePlugin {
  constructor(
    private readonly args: ServiceAffinityArgs,
    private readonly handle: Handle,
  ) {
    handle.sharedInformerFactory().core().v1().services();
    handle.sharedInformerFactory().core().v1().pods();
  }

  name(): string {
    return Name;
  }

  /** servicePods lists the scheduled pods (other than pod) of the services selecting pod. */
  private servicePods(pod: Pod): Pod[] {
    const factory = this.handle.sharedInformerFactory();
    const ns = pod.metadata.namespace ?? 'default';
    const labels = pod.metadata.labels ?? {};
    const services = factory.core().v1().services().lister().byNamespace(ns).list().filter((s) => s.spec?.selector && Object.keys(s.spec.selector).length && selectorFromSet(s.spec.selector).matches(labels));
    if (services.length === 0) return [];
    const selector = selectorFromSet(services[0]!.spec!.selector);
    return factory.core().v1().pods().lister().byNamespace(ns).list(selector).filter((p) => p.spec?.nodeName && p.metadata.uid !== pod.metadata.uid);
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const affinityLabels = this.args.affinityLabels ?? [];
    if (affinityLabels.length === 0) return null;
    // The pod's own nodeSelector pins some labels; the first service peer's node fills the rest.
    const wanted: Record<string, string> = {};
    for (const l of affinityLabels) {
      const v = pod.spec?.nodeSelector?.[l];
      if (v !== undefined) wanted[l] = v;
    }
    if (Object.keys(wanted).length < affinityLabels.length) {
      const peer = this.servicePods(pod)[0];
      const peerNode = peer && this.handle.snapshotSharedLister().get(peer.spec!.nodeName!)?.node;
      for (const l of affinityLabels) {
        const v = peerNode?.metadata.labels?.[l];
        if (wanted[l] === undefined && v !== undefined) wanted[l] = v;
      }
    }
    const labels = nodeInfo.node?.metadata.labels ?? {};
    if (Object.entries(wanted).every(([k, v]) => labels[k] === v)) return null;
    return new Status(Code.UnschedulableAndUnresolvable, ErrReason);
  }

  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null } {
    // The raw score is the number of service peers on this node; normalizeScore spreads by label.
    const peers = this.servicePods(pod).filter((p) => p.spec?.nodeName === nodeInfo.nodeName());
    return { score: peers.length, status: null };
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): Status | null {
    const labelsPref = this.args.antiAffinityLabelsPreference ?? [];
    if (labelsPref.length === 0) {
      for (const s of scores) s.score = 0;
      return null;
    }
    const lister = this.handle.snapshotSharedLister();
    const total = scores.reduce((a, s) => a + s.score, 0);
    const out = new Map<string, number>(scores.map((s) => [s.name, 0]));
    for (const label of labelsPref) {
      const countByValue = new Map<string, number>();
      for (const s of scores) {
        const v = lister.get(s.name)?.node?.metadata.labels?.[label];
        if (v !== undefined) countByValue.set(v, (countByValue.get(v) ?? 0) + s.score);
      }
      for (const s of scores) {
        const v = lister.get(s.name)?.node?.metadata.labels?.[label];
        // Nodes without the label score 0; with no peers yet every labelled node scores full.
        const f = v === undefined ? 0 : total > 0 ? (MaxNodeScore * (total - (countByValue.get(v) ?? 0))) / total : MaxNodeScore;
        out.set(s.name, out.get(s.name)! + f / labelsPref.length);
      }
    }
    for (const s of scores) s.score = Math.trunc(out.get(s.name)!);
    return null;
  }
}

export const New = (args: unknown, h: Handle) => new ServiceAffinityPlugin((args ?? {}) as ServiceAffinityArgs, h) satisfies FilterPlugin & ScorePlugin;
