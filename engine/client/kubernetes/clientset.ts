// Mirrors k8s.io/client-go/kubernetes/clientset.go: Clientset, the bundle of typed group clients
// (coreV1(), appsV1(), batchV1()) built from one rest Config, plus resource() — a generic client
// for any group/version/resource (what the dynamic client offers upstream).
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import type { GroupVersionResource } from '../../apimachinery/runtime/schema/group-version.js';
import { Client, type ObjectWithMeta } from '../gentype/type.js';
import { RESTClient } from '../rest/client.js';
import type { Config } from '../rest/config.js';
import type { Transport } from '../transport.js';
import { AppsV1Client } from './typed/apps/v1/apps-client.js';
import { BatchV1Client } from './typed/batch/v1/batch-client.js';
import { CoreV1Client } from './typed/core/v1/core-client.js';

export class Clientset {
  private readonly core: CoreV1Client;
  private readonly apps: AppsV1Client;
  private readonly batch: BatchV1Client;
  private readonly restClients = new Map<string, RESTClient>();

  constructor(readonly config: Config) {
    this.core = new CoreV1Client(config);
    this.apps = new AppsV1Client(config);
    this.batch = new BatchV1Client(config);
  }

  coreV1(): CoreV1Client {
    return this.core;
  }
  appsV1(): AppsV1Client {
    return this.apps;
  }
  batchV1(): BatchV1Client {
    return this.batch;
  }

  /**
   * resource returns a client for any resource. Pass a namespace for namespaced resources ("" for
   * all namespaces) and leave it undefined for cluster-scoped ones.
   */
  resource<T extends ObjectWithMeta = KubeObject>(gvr: GroupVersionResource, namespace?: string): Client<T> {
    const key = `${gvr.group}/${gvr.version}`;
    let rc = this.restClients.get(key);
    if (!rc) {
      rc = new RESTClient(this.config, gvr.group, gvr.version);
      this.restClients.set(key, rc);
    }
    return new Client<T>(rc, gvr.resource, namespace);
  }
}

/** newForConfig builds a Clientset (kubernetes.NewForConfig). */
export function newForConfig(config: Config): Clientset {
  return new Clientset(config);
}

/** newForTransport is the common case: a Clientset over a transport with default settings. */
export function newForTransport(transport: Transport, userAgent?: string): Clientset {
  return new Clientset({ transport, ...(userAgent ? { userAgent } : {}) });
}
