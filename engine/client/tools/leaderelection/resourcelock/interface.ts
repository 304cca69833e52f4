// Mirrors k8s.io/client-go/tools/leaderelection/resourcelock/interface.go: the election record, the
// lock interface, and the annotation that holds the record on an object (the pre-Lease locks).
import type { ObjectMeta } from '../../../../apimachinery/apis/meta/v1/types.js';

/** LeaderElectionRecordAnnotationKey is where ConfigMap and Endpoints locks keep the record. */
export const LeaderElectionRecordAnnotationKey = 'control-plane.alpha.kubernetes.io/leader';

/** LeaderElectionRecord is the JSON stored in the annotation; times are RFC 3339. */
export interface LeaderElectionRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: string;
  renewTime: string;
  leaderTransitions: number;
}

/** EventRecorder is the part of record.EventRecorder a lock uses. */
export interface LockEventRecorder {
  eventf(obj: { metadata: ObjectMeta; kind?: string; apiVersion?: string }, eventType: string, reason: string, message: string): void;
}

export interface ResourceLockConfig {
  /** identity is this candidate's unique name (usually hostname plus a random suffix). */
  identity: string;
  eventRecorder?: LockEventRecorder;
}

/** Interface is resourcelock.Interface. */
export interface Interface {
  /** get returns the record and its raw JSON; it throws NotFound when the lock object is absent. */
  get(): Promise<{ record: LeaderElectionRecord; raw: string }>;
  create(record: LeaderElectionRecord): Promise<void>;
  update(record: LeaderElectionRecord): Promise<void>;
  /** recordEvent records an event about the lock object, e.g. "x became leader". */
  recordEvent(message: string): void;
  identity(): string;
  /** describe names the lock, "<namespace>/<name>". */
  describe(): string;
}
