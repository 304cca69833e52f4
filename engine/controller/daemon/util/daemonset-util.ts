// Mirrors pkg/controller/daemon/util/daemonset_util.go with the node-affinity and taint helpers it
// uses from component-helpers/scheduling/corev1: the tolerations every daemon pod gets, the
// metadata.name node affinity that pins a pod to its node, and whether a pod fits a node.
import type { DaemonSet } from '../../../api/apps/v1/types.js';
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PodSpec, PodTemplateSpec, Taint, Toleration } from '../../../api/core/v1/types.js';
import { computeHash } from '../../controller-utils.js';
import { toleratesTaint } from '../../nodelifecycle/scheduler/taint-manager.js';

export const defaultDaemonSetUniqueLabelKey = 'controller-revision-hash';

/** addOrUpdateDaemonPodTolerations adds the tolerations a daemon pod always has (AddOrUpdateDaemonPodTolerations). */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): void {
  const add = (t: Toleration) => {
    const list = (spec.tolerations ??= []);
    const i = list.findIndex((x) => x.key === t.key && x.effect === t.effect && x.operator === t.operator);
    if (i >= 0) list[i] = t;
    else list.push(t);
  };
  add({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
  add({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' });
  add({ key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' });
  add({ key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' });
  add({ key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' });
  add({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' });
  if (spec.hostNetwork) add({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
}

/**
 * replaceDaemonPodNodeNameNodeAffinity pins a pod to nodeName with a required node affinity term
 * on the metadata.name field, replacing whatever required terms the template had (they were
 * already checked against the node) — how the default scheduler places daemon pods.
 */
export function replaceDaemonPodNodeNameNodeAffinity(spec: PodSpec, nodeName: string): void {
  const term: NodeSelectorTerm = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const affinity = (spec.affinity ??= {});
  const nodeAffinity = (affinity.nodeAffinity ??= {});
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
}

/** getTargetNodeName returns the node a daemon pod is on or pinned to. */
export function getTargetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    const f = term.matchFields?.find((r) => r.key === 'metadata.name' && r.operator === 'In' && r.values?.length === 1);
    if (f) return f.values![0];
  }
  return undefined;
}

/** newDaemonPodTemplate returns the template for nodeName's pod: hash label, tolerations, affinity. */
export function newDaemonPodTemplate(ds: DaemonSet, nodeName: string, hash: string): PodTemplateSpec {
  const template = structuredClone(ds.spec!.template);
  template.metadata = { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), [defaultDaemonSetUniqueLabelKey]: hash } };
  const spec = (template.spec ??= { containers: [] });
  addOrUpdateDaemonPodTolerations(spec);
  replaceDaemonPodNodeNameNodeAffinity(spec, nodeName);
  return template;
}

/** templateHash is the revision of the daemon set's current template. */
export function templateHash(ds: DaemonSet): string {
  return computeHash(ds.spec?.template, ds.status?.collisionCount);
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const vals = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && vals.includes(value);
    case 'NotIn':
      return value === undefined || !vals.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || vals.length !== 1) return false;
      const [a, b] = [Number(value), Number(vals[0])];
      if (!Number.isInteger(a) || !Number.isInteger(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
  }
  return false;
}

/** nodeSelectorTermsMatch: any term matches, and a term matches when all its requirements do. */
export function nodeSelectorTermsMatch(node: Node, terms: NodeSelectorTerm[]): boolean {
  const labels = node.metadata.labels ?? {};
  return terms.some((term) => {
    const exprs = term.matchExpressions ?? [];
    const fields = term.matchFields ?? [];
    if (exprs.length === 0 && fields.length === 0) return false;
    return exprs.every((r) => requirementMatches(r, labels[r.key])) && fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, node.metadata.name));
  });
}

/** podMatchesNode checks nodeSelector and required node affinity (the NodeAffinity filter). */
export function podMatchesNode(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return !required || nodeSelectorTermsMatch(node, required.nodeSelectorTerms ?? []);
}

/** untoleratedTaint returns the first taint with one of the effects that no toleration tolerates. */
export function untoleratedTaint(taints: Taint[], tolerations: Toleration[], effects: string[]): Taint | undefined {
  return taints.find((t) => effects.includes(t.effect) && !tolerations.some((tol) => toleratesTaint(tol, t)));
}

/**
 * nodeShouldRunDaemonPod (NodeShouldRunDaemonPod): shouldRun when the pod fits the node's labels
 * and tolerates its NoSchedule and NoExecute taints; shouldContinueRunning when it fits and
 * tolerates the NoExecute ones (NoSchedule taints added later do not evict).
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const template = newDaemonPodTemplate(ds, node.metadata.name ?? '', '');
  // The template's own affinity decides, before it is replaced by the pin.
  const own = structuredClone(ds.spec!.template.spec ?? { containers: [] });
  const fits = podMatchesNode(own, node);
  if (!fits) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints ?? [];
  const tolerations = template.spec?.tolerations ?? [];
  const shouldRun = !untoleratedTaint(taints, tolerations, ['NoSchedule', 'NoExecute']);
  const shouldContinueRunning = !untoleratedTaint(taints, tolerations, ['NoExecute']);
  return { shouldRun, shouldContinueRunning };
}
