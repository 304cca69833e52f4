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
