// Mirrors k8s.io/kubectl/pkg/drain/cordon.go (CordonHelper): decides whether a node's
// spec.unschedulable must change and patches it. Simplified: always a strategic merge patch (the
// two-way patch upstream computes is exactly this one field).
import type { RESTClient } from '../rest/client.js';

export interface NodeObject {
  metadata: { name?: string; labels?: Record<string, string> };
  spec?: { unschedulable?: boolean; taints?: Array<{ key: string; value?: string; effect: string }> };
}

export class CordonHelper {
  private desired = false;

  constructor(private readonly node: NodeObject) {}

  /** updateIfRequired records the desired state and says whether the node differs from it. */
  updateIfRequired(desired: boolean): boolean {
    this.desired = desired;
    return (this.node.spec?.unschedulable ?? false) !== desired;
  }

  /** patchOrReplace writes the desired unschedulable flag (null removes it, as omitempty does). */
  async patchOrReplace(client: RESTClient, serverDryRun: boolean): Promise<void> {
    await client.do('PATCH', `/api/v1/nodes/${this.node.metadata.name}`, {
      body: { spec: { unschedulable: this.desired ? true : null } },
      contentType: 'application/strategic-merge-patch+json',
      ...(serverDryRun ? { query: { dryRun: 'All' } } : {}),
    });
    this.node.spec = { ...this.node.spec, unschedulable: this.desired };
  }
}
