// Mirrors pkg/scheduler/backend/cache/snapshot.go: the frozen node infos one scheduling cycle
// reads (NodeInfoLister), so plugins see a consistent cluster while the informers move on.
import type { NodeInfoLister } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/types.js';

export class Snapshot implements NodeInfoLister {
  private readonly byName: Map<string, NodeInfo>;

  constructor(readonly nodeInfoList: NodeInfo[] = []) {
    this.byName = new Map(nodeInfoList.map((n) => [n.nodeName(), n]));
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
