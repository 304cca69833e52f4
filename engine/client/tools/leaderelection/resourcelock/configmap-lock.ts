// Mirrors k8s.io/client-go/tools/leaderelection/resourcelock/configmaplock.go (ConfigMapLock) and
// endpointslock.go (EndpointsLock), plus New from interface.go choosing one by name.
import type { ConfigMap, Endpoints } from '../../../../api/core/v1/types.js';
import type { Clientset } from '../../../kubernetes/clientset.js';
import { AnnotationLock } from './annotation-lock.js';
import type { Interface, ResourceLockConfig } from './interface.js';

export const ConfigMapsResourceLock = 'configmaps';
export const EndpointsResourceLock = 'endpoints';

export class ConfigMapLock extends AnnotationLock<ConfigMap> {
  protected newObject(annotations: Record<string, string>): ConfigMap {
    return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: this.namespace, name: this.name, annotations } };
  }
}

export class EndpointsLock extends AnnotationLock<Endpoints> {
  protected newObject(annotations: Record<string, string>): Endpoints {
    return { apiVersion: 'v1', kind: 'Endpoints', metadata: { namespace: this.namespace, name: this.name, annotations } } as Endpoints;
  }
}

/** newLock builds a lock of the named type (resourcelock.New). */
export function newLock(lockType: string, namespace: string, name: string, cs: Clientset, config: ResourceLockConfig): Interface {
  switch (lockType) {
    case ConfigMapsResourceLock:
      return new ConfigMapLock(namespace, name, cs.coreV1().configMaps(namespace), config);
    case EndpointsResourceLock:
      return new EndpointsLock(namespace, name, cs.coreV1().endpoints(namespace), config);
    default:
      throw new Error(`Invalid lock-type ${lockType}`);
  }
}
