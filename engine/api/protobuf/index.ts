// Mirrors the scheme registrations (k8s.io/api/<group>/<version>/register.go and metav1's
// AddToGroupVersion) as far as the protobuf serializer needs them: which message a kind decodes as.
import type { MessageTable } from '../../apimachinery/runtime/serializer/protobuf/schema.js';
import { appsV1 } from './apps-v1.js';
import { autoscalingV1 } from './autoscaling-v1.js';
import { batchV1 } from './batch-v1.js';
import { coordinationV1 } from './coordination-v1.js';
import { coreV1 } from './core-v1.js';
import { discoveryV1 } from './discovery-v1.js';
import { metaV1 } from './meta-v1.js';
import { networkingV1 } from './networking-v1.js';
import { policyV1 } from './policy-v1.js';
import { rbacV1 } from './rbac-v1.js';
import { schedulingV1 } from './scheduling-v1.js';

/** protobufMessages holds every message the API server can decode from a protobuf body. */
export const protobufMessages: MessageTable = {
  ...metaV1,
  ...coreV1,
  ...appsV1,
  ...batchV1,
  ...policyV1,
  ...autoscalingV1,
  ...rbacV1,
  ...networkingV1,
  ...coordinationV1,
  ...schedulingV1,
  ...discoveryV1,
};

/** packages maps an API group/version to its protobuf package. */
const packages: Record<string, string> = {
  v1: 'k8s.io.api.core.v1.',
  'apps/v1': 'k8s.io.api.apps.v1.',
  'batch/v1': 'k8s.io.api.batch.v1.',
  'policy/v1': 'k8s.io.api.policy.v1.',
  'autoscaling/v1': 'k8s.io.api.autoscaling.v1.',
  'rbac.authorization.k8s.io/v1': 'k8s.io.api.rbac.v1.',
  'networking.k8s.io/v1': 'k8s.io.api.networking.v1.',
  'coordination.k8s.io/v1': 'k8s.io.api.coordination.v1.',
  'scheduling.k8s.io/v1': 'k8s.io.api.scheduling.v1.',
  'discovery.k8s.io/v1': 'k8s.io.api.discovery.v1.',
  'meta.k8s.io/v1': 'k8s.io.apimachinery.pkg.apis.meta.v1.',
};

/** optionsKinds are the meta/v1 kinds AddToGroupVersion registers in every group version. */
const optionsKinds = new Set(['DeleteOptions', 'Status']);

/** messageFor names the protobuf message of apiVersion/kind, or undefined when none is registered. */
export function messageFor(apiVersion: string, kind: string): string | undefined {
  const pkg = optionsKinds.has(kind) ? 'k8s.io.apimachinery.pkg.apis.meta.v1.' : packages[apiVersion];
  if (!pkg) return undefined;
  const name = pkg + kind;
  return protobufMessages[name] ? name : undefined;
}
