// Mirrors k8s.io/component-helpers/apimachinery/lease/controller.go: the kubelet's Lease in
// kube-node-lease (holderIdentity = node name, leaseDurationSeconds 40) renewed every 10s, owned by
// the Node so it goes with it. When the API server does not serve coordination.k8s.io the
// controller keeps retrying quietly, as upstream does when the lease API is unavailable.
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { ObjectMeta } from '../../apimachinery/apis/meta/v1/types.js';
import { isAlreadyExists, isConflict, isNotFound } from '../../apimachinery/api/errors/errors.js';
import type { Clock, Timer } from '../../util/clock.js';

export interface Lease {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: ObjectMeta;
  spec: { holderIdentity?: string; leaseDurationSeconds?: number; renewTime?: string; acquireTime?: string; leaseTransitions?: number };
}

export const leaseNamespace = 'kube-node-lease';
export const leaseDurationSeconds = 40;
export const renewInterval = 10_000;

/** renewTime is metav1.MicroTime's wire form. */
function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export class LeaseController {
  private timer: Timer | undefined;
  /** lastError is the last renewal failure (the API may not serve leases). */
  lastError: string | undefined;

  constructor(
    private readonly client: Clientset,
    private readonly clock: Clock,
    private readonly holderIdentity: string,
    private readonly nodeUID: () => string | undefined,
  ) {}

  private leases() {
    return this.client.resource<Lease>({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases' }, leaseNamespace);
  }

  run(): void {
    const tick = () => {
      this.timer = this.clock.setTimer(renewInterval, tick);
      void this.sync();
    };
    tick();
  }

  stop(): void {
    this.timer?.stop();
  }

  /** sync creates or renews the lease once. */
  async sync(): Promise<void> {
    const now = microTime(this.clock.now());
    try {
      let lease: Lease;
      try {
        lease = await this.leases().get(this.holderIdentity);
      } catch (err) {
        if (!isNotFound(err)) throw err;
        const uid = this.nodeUID();
        const fresh: Lease = {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: {
            name: this.holderIdentity,
            namespace: leaseNamespace,
            ...(uid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.holderIdentity, uid }] } : {}),
          },
          spec: { holderIdentity: this.holderIdentity, leaseDurationSeconds, renewTime: now },
        };
        try {
          await this.leases().create(fresh);
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
        this.lastError = undefined;
        return;
      }
      await this.leases().update({ ...lease, spec: { ...lease.spec, holderIdentity: this.holderIdentity, leaseDurationSeconds, renewTime: now } });
      this.lastError = undefined;
    } catch (err) {
      if (isConflict(err)) return;
      this.lastError = err instanceof Error ? err.message : String(err);
    }
  }
}
