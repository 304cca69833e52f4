// Mirrors pkg/scheduler/framework/plugins/selectorspread/selector_spread.go (removed upstream in
// v1.27, kept for the books' SelectorSpreadPriority / ServiceSpreadingPriority): fewer pods of the
// same service or controller on a node scores higher; zones weigh 2/3 when nodes carry them.
import type { Pod } from '../../../../api/core/v1/types.js';
import type { Selector } from '../../../../apimachinery/labels/selector.js';
import { Code, MaxNodeScore, Status, type Handle, type NodeScore, type PreScorePlugin, type ScorePlugin } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';
import { countMatchingPods, defaultSelectors, registerSpreadListers } from '../helper/spread.js';
import * as names from '../names/names.js';

export const Name = names.SelectorSpread;
const preScoreStateKey = 'PreScore' + Name;
const zoneWeighting = 2 / 3;
export const zoneLabel = 'topology.kubernetes.io/zone';

export class SelectorSpreadPlugin implements PreScorePlugin, ScorePlugin {
  constructor(private readonly handle: Handle) {
    registerSpreadListers(handle.sharedInformerFactory());
  }

  name(): string {
    return Name;
  }

  preScore(state: CycleState, pod: Pod): Status | null {
    const selectors = defaultSelectors(pod, this.handle.sharedInformerFactory());
    if (selectors.length === 0) return new Status(Code.Skip);
    state.write(preScoreStateKey, selectors);
    return null;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null } {
    const selectors = state.read<Selector[]>(preScoreStateKey) ?? [];
    return { score: countMatchingPods(pod.metadata.namespace ?? 'default', selectors, nodeInfo.pods), status: null };
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): Status | null {
    const lister = this.handle.snapshotSharedLister();
    const zoneOf = (node: string) => lister.get(node)?.node?.metadata.labels?.[zoneLabel] ?? '';
    let maxByNode = 0;
    const byZone = new Map<string, number>();
    for (const s of scores) {
      maxByNode = Math.max(maxByNode, s.score);
      const z = zoneOf(s.name);
      if (z) byZone.set(z, (byZone.get(z) ?? 0) + s.score);
    }
    const maxByZone = Math.max(0, ...byZone.values());
    for (const s of scores) {
      let f = MaxNodeScore;
      if (maxByNode > 0) f = (MaxNodeScore * (maxByNode - s.score)) / maxByNode;
      const z = zoneOf(s.name);
      if (byZone.size > 0 && z) {
        let zoneScore = MaxNodeScore;
        if (maxByZone > 0) zoneScore = (MaxNodeScore * (maxByZone - (byZone.get(z) ?? 0))) / maxByZone;
        f = f * (1 - zoneWeighting) + zoneWeighting * zoneScore;
      }
      s.score = Math.trunc(f);
    }
    return null;
  }
}

export const New = (_args: unknown, h: Handle) => new SelectorSpreadPlugin(h) satisfies ScorePlugin;
