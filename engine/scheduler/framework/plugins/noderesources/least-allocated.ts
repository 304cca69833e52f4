// Mirrors pkg/scheduler/framework/plugins/noderesources/least_allocated.go and most_allocated.go:
// the books' LeastRequestedPriority ((capacity − requested) × 100 / capacity, averaged by weight)
// and the cluster autoscaler's MostRequestedPriority (requested × 100 / capacity).
import { MaxNodeScore } from '../../interface.js';

export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MaxNodeScore) / capacity);
}

export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  // A node already over-committed scores as full, not above.
  return Math.trunc((Math.min(requested, capacity) * MaxNodeScore) / capacity);
}

/** weightedScore averages per-resource scores by weight, skipping resources the node lacks. */
export function weightedScore(parts: { requested: number; allocatable: number; weight: number }[], scorer: (req: number, cap: number) => number): number {
  let total = 0;
  let weights = 0;
  for (const p of parts) {
    if (p.allocatable === 0) continue;
    total += scorer(p.requested, p.allocatable) * p.weight;
    weights += p.weight;
  }
  return weights === 0 ? 0 : Math.trunc(total / weights);
}
