// Mirrors k8s.io/api/coordination/v1/types.go: Lease, the lock object behind node heartbeats
// (kube-node-lease) and leader election. Times are MicroTime strings (RFC 3339 with microseconds).
import type { ObjectMeta, TypeMeta } from '../../../apimachinery/apis/meta/v1/types.js';

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
  /** strategy picks how a coordinated leader election chooses the holder (OldestEmulationVersion). */
  strategy?: string;
  preferredHolder?: string;
}

export interface Lease extends TypeMeta {
  metadata: ObjectMeta;
  spec?: LeaseSpec;
}
