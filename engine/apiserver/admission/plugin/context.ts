// Mirrors the plugin initializers of pkg/kubeapiserver/admission (informers, the loopback client):
// what admission plugins may read and write. Reads go straight to storage (fresh, no informer lag);
// the only write is the quota's status, guarded by its modRevision as an UpdateStatus would be.
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import type { Clock } from '../../../util/clock.js';

/** StoredObject is an object with the revision it was read at. */
export interface StoredRead {
  object: KubeObject;
  modRevision: number;
}

export interface PluginContext {
  clock: Clock;
  /** has reports whether the server serves a core resource (plugins without their store stay idle). */
  has(resource: string): boolean;
  /** get reads one object of a core resource; undefined when missing. */
  get(resource: string, namespace: string, name: string): KubeObject | undefined;
  /** list reads every object of a core resource in a namespace, with revisions. */
  list(resource: string, namespace: string): StoredRead[];
  /** update writes obj when it is still at modRevision; undefined means another writer came first. */
  update(resource: string, obj: KubeObject, modRevision: number): Promise<KubeObject | undefined>;
}
