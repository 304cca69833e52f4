// Mirrors pkg/scheduler/framework/plugins/helper/normalize_score.go: scale scores so the highest
// becomes MaxNodeScore; reverse flips them (fewer is better).
import { MaxNodeScore, type NodeScore } from '../../interface.js';

export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  let max = 0;
  for (const s of scores) max = Math.max(max, s.score);
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    s.score = Math.trunc((maxPriority * s.score) / max);
    if (reverse) s.score = maxPriority - s.score;
  }
}

export const normalizeToMax = (scores: NodeScore[], reverse = false) => defaultNormalizeScore(MaxNodeScore, reverse, scores);
