// Mirrors k8s.io/client-go/kubernetes/typed/core/v1/core_client.go: CoreV1Client, one method per
// core/v1 resource returning its typed client. The generated per-resource files collapse into the
// generic gentype.Client; only pods have extra verbs (pod-expansion.ts).
import type {
  ConfigMap,
  Endpoints,
  Event,
  LimitRange,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  ReplicationController,
  ResourceQuota,
  Secret,
  Service,
  ServiceAccount,
} from '../../../../../api/core/v1/types.js';
import { Client } from '../../../../gentype/type.js';
import { RESTClient } from '../../../../rest/client.js';
import type { Config } from '../../../../rest/config.js';
import { PodClient } from './pod-expansion.js';

export class CoreV1Client {
  readonly restClient: RESTClient;

  constructor(config: Config) {
    this.restClient = new RESTClient(config, '', 'v1');
  }

  // Namespaced resources: "" means all namespaces (list/watch).
  pods(namespace: string): PodClient {
    return new PodClient(this.restClient, 'pods', namespace);
  }
  services(namespace: string): Client<Service> {
    return new Client(this.restClient, 'services', namespace);
  }
  endpoints(namespace: string): Client<Endpoints> {
    return new Client(this.restClient, 'endpoints', namespace);
  }
  configMaps(namespace: string): Client<ConfigMap> {
    return new Client(this.restClient, 'configmaps', namespace);
  }
  secrets(namespace: string): Client<Secret> {
    return new Client(this.restClient, 'secrets', namespace);
  }
  serviceAccounts(namespace: string): Client<ServiceAccount> {
    return new Client(this.restClient, 'serviceaccounts', namespace);
  }
  events(namespace: string): Client<Event> {
    return new Client(this.restClient, 'events', namespace);
  }
  replicationControllers(namespace: string): Client<ReplicationController> {
    return new Client(this.restClient, 'replicationcontrollers', namespace);
  }
  persistentVolumeClaims(namespace: string): Client<PersistentVolumeClaim> {
    return new Client(this.restClient, 'persistentvolumeclaims', namespace);
  }
  resourceQuotas(namespace: string): Client<ResourceQuota> {
    return new Client(this.restClient, 'resourcequotas', namespace);
  }
  limitRanges(namespace: string): Client<LimitRange> {
    return new Client(this.restClient, 'limitranges', namespace);
  }

  // Cluster-scoped resources.
  namespaces(): Client<Namespace> {
    return new Client(this.restClient, 'namespaces');
  }
  nodes(): Client<Node> {
    return new Client(this.restClient, 'nodes');
  }
  persistentVolumes(): Client<PersistentVolume> {
    return new Client(this.restClient, 'persistentvolumes');
  }
}
