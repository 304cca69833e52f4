// Mirrors k8s.io/client-go/kubernetes/typed/apps/v1/apps_client.go: AppsV1Client with the apps/v1
// workload resources, each a generic gentype.Client.
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../../../../../api/apps/v1/types.js';
import { Client } from '../../../../gentype/type.js';
import { RESTClient } from '../../../../rest/client.js';
import type { Config } from '../../../../rest/config.js';

export class AppsV1Client {
  readonly restClient: RESTClient;

  constructor(config: Config) {
    this.restClient = new RESTClient(config, 'apps', 'v1');
  }

  deployments(namespace: string): Client<Deployment> {
    return new Client(this.restClient, 'deployments', namespace);
  }
  replicaSets(namespace: string): Client<ReplicaSet> {
    return new Client(this.restClient, 'replicasets', namespace);
  }
  daemonSets(namespace: string): Client<DaemonSet> {
    return new Client(this.restClient, 'daemonsets', namespace);
  }
  statefulSets(namespace: string): Client<StatefulSet> {
    return new Client(this.restClient, 'statefulsets', namespace);
  }
}
