// Mirrors k8s.io/client-go/kubernetes/typed/core/v1/pod_expansion.go and pod.go: the pods client
// with its subresource verbs — bind (the scheduler's binding POST) and evict (the eviction API).
import type { Status } from '../../../../../apimachinery/apis/meta/v1/types.js';
import type { Binding, Pod } from '../../../../../api/core/v1/types.js';
import { Client } from '../../../../gentype/type.js';
import type { CreateOptions } from '../../../../gentype/options.js';

/** Eviction is policy/v1 Eviction: delete a pod subject to its disruption budget. */
export interface Eviction {
  apiVersion: 'policy/v1';
  kind: 'Eviction';
  metadata: { name: string; namespace?: string };
  deleteOptions?: Record<string, unknown>;
}

export class PodClient extends Client<Pod> {
  /** bind POSTs a Binding to pods/<name>/binding, assigning the pod to binding.target's node. */
  bind(binding: Binding, opts?: CreateOptions): Promise<Status> {
    return this.request(this.client.post())
      .name(binding.metadata.name ?? '')
      .subResource('binding')
      .versionedParams(opts)
      .body(binding)
      .do<Status>();
  }

  /** evict POSTs an Eviction to pods/<name>/eviction. */
  evict(eviction: Eviction): Promise<Status> {
    return this.request(this.client.post()).name(eviction.metadata.name).subResource('eviction').body(eviction).do<Status>();
  }
}
