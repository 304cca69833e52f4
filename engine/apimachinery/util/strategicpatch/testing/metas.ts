// Hand-built patch metadata for tests: the strategies Kubernetes declares on Pod, Service and
// Deployment fields (x-kubernetes-patch-strategy / x-kubernetes-patch-merge-key).
import type { FieldPatchMeta, PatchMeta } from '../meta.js';

export const struct = (fields: Record<string, FieldPatchMeta>): PatchMeta => ({
  field: (n) => (Object.prototype.hasOwnProperty.call(fields, n) ? fields[n] : undefined),
});
const mergeList = (key: string, elem: PatchMeta = struct({})): FieldPatchMeta => ({ shape: 'list', patchStrategy: 'merge', patchMergeKey: key, elem });

export const objectMetaMeta = struct({
  labels: { shape: 'map' },
  annotations: { shape: 'map' },
  finalizers: { shape: 'list', patchStrategy: 'merge' },
  ownerReferences: mergeList('uid'),
});

export const containerMeta = struct({
  ports: mergeList('containerPort'),
  env: mergeList('name'),
  volumeMounts: mergeList('mountPath'),
  resources: { shape: 'struct', elem: struct({ limits: { shape: 'map' }, requests: { shape: 'map' } }) },
});

export const podSpecMeta = struct({
  containers: mergeList('name', containerMeta),
  initContainers: mergeList('name', containerMeta),
  volumes: { shape: 'list', patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', elem: struct({}) },
  imagePullSecrets: mergeList('name'),
  tolerations: { shape: 'list' },
  nodeSelector: { shape: 'map' },
});

export const podMeta = struct({
  metadata: { shape: 'struct', elem: objectMetaMeta },
  spec: { shape: 'struct', elem: podSpecMeta },
});

export const serviceMeta = struct({
  metadata: { shape: 'struct', elem: objectMetaMeta },
  spec: { shape: 'struct', elem: struct({ ports: mergeList('port'), selector: { shape: 'map' } }) },
});

export const deploymentMeta = struct({
  metadata: { shape: 'struct', elem: objectMetaMeta },
  spec: {
    shape: 'struct',
    elem: struct({
      strategy: { shape: 'struct', patchStrategy: 'retainKeys', elem: struct({ rollingUpdate: { shape: 'struct' } }) },
      template: { shape: 'struct', elem: podMeta },
      selector: { shape: 'struct' },
    }),
  },
});
