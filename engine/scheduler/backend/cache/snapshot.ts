// Mirrors pkg/scheduler/backend/cache/snapshot.go: the frozen node infos one scheduling cycle
// reads (NodeInfoLister), so plugins see a consistent cluster while the informers move on.
import type { NodeInfoLister } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/types.js';

export class Snapshot implements NodeInfoLister {
  private readonly byName: Map<string, NodeInfo>;
  private readonly indexOf: Map<string, number>;

  constructor(readonly nodeInfoList: NodeInfo[] = []) {
    this.byName = new Map(nodeInfoList.map((n) => [n.nodeName(), n]));
    this.indexOf = new Map(nodeInfoList.map((n, i) => [n.nodeName(), i]));
  }

  /** replace swaps in a newer copy of a node already in the snapshot (the cache's in-place update). */
  replace(info: NodeInfo): void {
    const i = this.indexOf.get(info.nodeName());
    if (i === undefined) throw new Error(`node ${info.nodeName()} is not in the snapshot`);
    this.byName.set(info.nodeName(), info);
    this.nodeInfoList[i] = info;
  }

  list(): NodeInfo[] {
    return this.nodeInfoList;
  }

  get(nodeName: string): NodeInfo | undefined {
    return this.byName.get(nodeName);
  }

  numNodes(): number {
    return this.nodeInfoList.length;
  }
}
