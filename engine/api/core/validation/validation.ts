// Mirrors pkg/apis/core/validation/validation.go's entry points: ValidateX / ValidateXUpdate for each
// core/v1 kind. The checks live in validation-pod.ts, validation-service.ts and validation-misc.ts.
import { nameIsDNSSubdomain } from '../../../apimachinery/api/validation/generic.js';
import { validateObjectMetaUpdate } from '../../../apimachinery/api/validation/objectmeta.js';
import { Path, type ErrorList } from '../../../apimachinery/util/validation/field/errors.js';
import type { ObjectMeta } from '../../../apimachinery/apis/meta/v1/types.js';
import type { Namespace } from '../../core/v1/types.js';
import { validateObjectMeta } from './common.js';
import { validatePod, validatePodUpdate } from './validation-pod.js';
import { validateService, validateServiceUpdate } from './validation-service.js';
import * as misc from './validation-misc.js';

export { validatePod, validatePodUpdate, validatePodSpec, validatePodTemplateSpec } from './validation-pod.js';
export { validateService, validateServiceUpdate } from './validation-service.js';
export * from './validation-misc.js';

type Obj = { metadata: ObjectMeta };
type Create = (obj: never) => ErrorList;
type Update = (obj: never, old: never) => ErrorList;

/** withMetaUpdate builds ValidateXUpdate as most kinds do: ObjectMeta update rules plus the create checks on the spec. */
function withMetaUpdate(create: Create): Update {
  return (obj: never, old: never) => [
    ...validateObjectMetaUpdate((obj as Obj).metadata, (old as Obj).metadata, Path.root('metadata')),
    ...create(obj).filter((e) => !e.field.startsWith('metadata')),
  ];
}

export const coreValidators: Record<string, { create: Create; update: Update }> = {
  Pod: { create: validatePod, update: validatePodUpdate },
  Service: { create: validateService, update: validateServiceUpdate },
  Namespace: {
    create: misc.validateNamespace,
    // Namespace spec.finalizers change only through the finalize subresource; the strategy keeps them.
    update: withMetaUpdate((ns: never) => misc.validateNamespace(ns as Namespace)),
  },
  Node: { create: misc.validateNode, update: withMetaUpdate(misc.validateNode) },
  Binding: { create: misc.validateBinding, update: (b: never) => misc.validateBinding(b) },
  Endpoints: { create: misc.validateEndpoints, update: withMetaUpdate(misc.validateEndpoints) },
  ReplicationController: { create: misc.validateReplicationController, update: withMetaUpdate(misc.validateReplicationController) },
  Secret: { create: misc.validateSecret, update: misc.validateSecretUpdate },
  ConfigMap: { create: misc.validateConfigMap, update: misc.validateConfigMapUpdate },
  ServiceAccount: { create: misc.validateServiceAccount, update: withMetaUpdate(misc.validateServiceAccount) },
  Event: { create: misc.validateEvent, update: withMetaUpdate(misc.validateEvent) },
  ResourceQuota: { create: misc.validateResourceQuota, update: withMetaUpdate(misc.validateResourceQuota) },
  LimitRange: { create: misc.validateLimitRange, update: withMetaUpdate(misc.validateLimitRange) },
  PersistentVolume: { create: misc.validatePersistentVolume, update: withMetaUpdate(misc.validatePersistentVolume) },
  PersistentVolumeClaim: { create: misc.validatePersistentVolumeClaim, update: misc.validatePersistentVolumeClaimUpdate },
};

/** validateGenericObject checks only metadata, for kinds without their own rules. */
export function validateGenericObject(obj: Obj, namespaced: boolean): ErrorList {
  return validateObjectMeta(obj.metadata, namespaced, nameIsDNSSubdomain, Path.root('metadata'));
}
