// Mirrors k8s.io/component-helpers/scheduling/corev1/nodeaffinity: matching a node against a
// pod's nodeSelector and node selector terms (terms are ORed, requirements within one ANDed;
// matchFields supports metadata.name only, as upstream).
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../../../api/core/v1/types.js';

/** requirementMatches checks one requirement against a set of labels. */
export function requirementMatches(req: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(value!);
    case 'NotIn':
      return !has || !values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false;
      const a = Number.parseInt(value!, 10);
      const b = Number.parseInt(values[0]!, 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return req.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** termMatches: an empty term matches nothing, as upstream. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  if (!exprs.every((r) => requirementMatches(r, labels))) return false;
  return fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, { 'metadata.name': node.metadata.name ?? '' }));
}

export function nodeSelectorTermsMatch(terms: NodeSelectorTerm[], node: Node): boolean {
  return terms.some((t) => termMatches(t, node));
}

/** podMatchesNodeSelectorAndAffinityTerms is GetRequiredNodeAffinity(pod).Match(node). */
export function podMatchesNodeSelectorAndAffinityTerms(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return nodeSelectorTermsMatch(required.nodeSelectorTerms ?? [], node);
  return true;
}
