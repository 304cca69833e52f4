// Mirrors the helper half of kubernetes/pkg/kubectl/rolling_updater.go (1.x): building the next
// controller for --image, labelling the old controller and its pods with the deployment key,
// the next-controller annotation, and updates retried on conflict.
import { isConflict, isNotFound } from '../../apimachinery/api/errors/errors.js';
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import type { RESTClient } from '../rest/client.js';

export const sourceIdAnnotation = 'kubectl.kubernetes.io/update-source-id';
export const desiredReplicasAnnotation = 'kubectl.kubernetes.io/desired-replicas';
export const originalReplicasAnnotation = 'kubectl.kubernetes.io/original-replicas';
export const nextControllerAnnotation = 'kubectl.kubernetes.io/next-controller-id';

export interface RC extends KubeObject {
  spec: {
    replicas?: number;
    selector?: Record<string, string>;
    minReadySeconds?: number;
    template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: Array<{ name: string; image?: string; imagePullPolicy?: string }> } };
  };
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number; observedGeneration?: number };
}

export const rcPath = (ns: string, name?: string) => `/api/v1/namespaces/${ns}/replicationcontrollers${name ? `/${encodeURIComponent(name)}` : ''}`;
export const replicasOf = (rc: RC) => rc.spec.replicas ?? 0;

/** hashObject names a controller's content: 32 hex digits (upstream takes an MD5 of the encoding). */
export async function hashObject(obj: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(obj)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 32);
}

/** updateRcWithRetries applies fn to the controller and PUTs it, re-reading it after a conflict. */
export async function updateRcWithRetries(client: RESTClient, ns: string, rc: RC, fn: (rc: RC) => void): Promise<RC> {
  let cur = structuredClone(rc);
  for (let attempt = 0; ; attempt++) {
    fn(cur);
    try {
      return await client.do<RC>('PUT', rcPath(ns, cur.metadata.name), { body: cur });
    } catch (err) {
      if (!isConflict(err) || attempt >= 4) throw err;
      cur = await client.get<RC>(rcPath(ns, rc.metadata.name));
    }
  }
}

async function updatePodWithRetries(client: RESTClient, ns: string, pod: KubeObject, fn: (p: KubeObject) => void): Promise<KubeObject> {
  let cur = structuredClone(pod);
  const path = `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(pod.metadata.name!)}`;
  for (let attempt = 0; ; attempt++) {
    fn(cur);
    try {
      return await client.do<KubeObject>('PUT', path, { body: cur });
    } catch (err) {
      if (!isConflict(err) || attempt >= 4) throw err;
      cur = await client.get<KubeObject>(path);
    }
  }
}

const selectorString = (sel: Record<string, string>) =>
  Object.keys(sel).sort().map((k) => `${k}=${sel[k]}`).join(',');

async function listPods(client: RESTClient, ns: string, sel: Record<string, string>): Promise<KubeObject[]> {
  const list = await client.get<{ items?: KubeObject[] }>(`/api/v1/namespaces/${ns}/pods`, { query: { labelSelector: selectorString(sel) } });
  return list.items ?? [];
}

/** loadExistingNextReplicationController returns the named controller, or undefined when absent. */
export async function loadExistingNextReplicationController(client: RESTClient, ns: string, name: string): Promise<RC | undefined> {
  if (!name) return undefined;
  try {
    return await client.get<RC>(rcPath(ns, name));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export interface NewControllerConfig {
  namespace: string;
  oldName: string;
  newName: string;
  image: string;
  container: string;
  deploymentKey: string;
  pullPolicy?: string;
}

/** createNewControllerFromCurrentController copies the old controller with the new image and hash. */
export async function createNewControllerFromCurrentController(client: RESTClient, cfg: NewControllerConfig): Promise<RC> {
  const rc = await client.get<RC>(rcPath(cfg.namespace, cfg.oldName));
  const containers = rc.spec.template?.spec?.containers ?? [];
  let index = 0;
  if (cfg.container) {
    index = containers.findIndex((c) => c.name === cfg.container);
    if (index < 0) throw new Error(`container ${cfg.container} not found in pod`);
  }
  if (containers.length > 1 && !cfg.container) throw new Error('must specify container to update when updating a multi-container pod');
  if (!containers.length) throw new Error(`pod has no containers! (${JSON.stringify(rc)})`);
  containers[index]!.image = cfg.image;
  if (cfg.pullPolicy) containers[index]!.imagePullPolicy = cfg.pullPolicy;
  const newHash = await hashObject(rc);
  rc.metadata.name = cfg.newName || `${rc.metadata.name}-${newHash}`;
  rc.spec.selector = { ...rc.spec.selector, [cfg.deploymentKey]: newHash };
  rc.spec.template!.metadata = { ...rc.spec.template!.metadata, labels: { ...rc.spec.template!.metadata?.labels, [cfg.deploymentKey]: newHash } };
  // Cleared after hashing so that identical updates get different hashes.
  delete rc.metadata.resourceVersion;
  delete rc.metadata.uid;
  delete rc.metadata.creationTimestamp;
  delete rc.status;
  return rc;
}

const setNext = (rc: RC, name: string) => {
  rc.metadata.annotations = { ...rc.metadata.annotations, [nextControllerAnnotation]: name };
};

/** updateExistingReplicationController points the old controller at the next one, adding the key if missing. */
export async function updateExistingReplicationController(client: RESTClient, ns: string, oldRc: RC, newName: string, key: string, value: string): Promise<RC> {
  if (!(key in (oldRc.spec.selector ?? {}))) {
    setNext(oldRc, newName);
    return addDeploymentKeyToReplicationController(client, ns, oldRc, key, value);
  }
  return updateRcWithRetries(client, ns, oldRc, (rc) => setNext(rc, newName));
}

/**
 * addDeploymentKeyToReplicationController labels the template, then the pods, then the selector,
 * so the old controller keeps owning exactly its pods; pods created meanwhile without the label go.
 */
async function addDeploymentKeyToReplicationController(client: RESTClient, ns: string, oldRc: RC, key: string, value: string): Promise<RC> {
  let rc = await updateRcWithRetries(client, ns, oldRc, (r) => {
    r.spec.template ??= {};
    r.spec.template.metadata = { ...r.spec.template.metadata, labels: { ...r.spec.template.metadata?.labels, [key]: value } };
  });
  for (const pod of await listPods(client, ns, rc.spec.selector ?? {}))
    await updatePodWithRetries(client, ns, pod, (p) => void (p.metadata.labels = { ...p.metadata.labels, [key]: value }));
  const selectorCopy = { ...rc.spec.selector };
  rc = await updateRcWithRetries(client, ns, rc, (r) => void (r.spec.selector = { ...r.spec.selector, [key]: value }));
  for (const pod of await listPods(client, ns, selectorCopy)) {
    if (pod.metadata.labels?.[key] !== value) await client.do('DELETE', `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(pod.metadata.name!)}`);
  }
  return rc;
}
