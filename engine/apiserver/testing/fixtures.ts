// Test fixtures for the generic API server (like k8s.io/apiserver's registry/generic/testing): small
// ConfigMap- and Namespace-like resource definitions, independent of the real per-resource strategies.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { invalid, type ErrorList } from '../../apimachinery/util/validation/field/errors.js';
import type { ResourceDefinition, Strategy } from '../registry/rest/resource.js';

function simpleStrategy(namespaced: boolean, extra: Partial<Strategy> = {}): Strategy {
  return {
    namespaceScoped: namespaced,
    prepareForCreate: () => {},
    validate: (obj: KubeObject): ErrorList => {
      const name = obj.metadata.name ?? '';
      if (!name) return [];
      return /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) ? [] : [invalid('metadata.name', name, 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters')];
    },
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
    prepareForUpdate: () => {},
    validateUpdate: () => [],
    ...extra,
  };
}

/** configMapDef is a ConfigMap-like resource: namespaced, no status, immediate deletion. */
export function configMapDef(extra: Partial<Strategy> = {}): ResourceDefinition {
  return {
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    listKind: 'ConfigMapList',
    resource: 'configmaps',
    singular: 'configmap',
    shortNames: ['cm'],
    categories: [],
    namespaced: true,
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    strategy: simpleStrategy(true, extra),
    table: {
      columns: [
        { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
        { name: 'Data', type: 'integer', format: '', description: 'Number of data keys.', priority: 0 },
      ],
      row: (obj) => [obj.metadata.name, Object.keys((obj.data as object | undefined) ?? {}).length],
    },
    selectableFields: (obj) => ({ 'metadata.name': obj.metadata.name ?? '', 'metadata.namespace': obj.metadata.namespace ?? '' }),
    etcdPrefix: '/registry/configmaps',
  };
}

/** widgetDef is a Deployment-like resource with status, scale and graceful deletion. */
export function widgetDef(): ResourceDefinition {
  const keepStatus: Strategy['prepareForUpdate'] = (obj, old) => {
    obj.status = old.status;
  };
  const keepSpec: Strategy['prepareForUpdate'] = (obj, old) => {
    obj.spec = old.spec;
  };
  return {
    group: 'example.com',
    version: 'v1',
    kind: 'Widget',
    listKind: 'WidgetList',
    resource: 'widgets',
    singular: 'widget',
    shortNames: ['wd'],
    categories: ['all'],
    namespaced: true,
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    strategy: simpleStrategy(true, {
      allowUnconditionalUpdate: false,
      prepareForCreate: (obj) => {
        delete obj.status;
        obj.metadata.generation = 1;
      },
      prepareForUpdate: keepStatus,
      checkGracefulDelete: (obj, options) => options.gracePeriodSeconds ?? ((obj.spec as { grace?: number } | undefined)?.grace ?? undefined),
    }),
    statusStrategy: simpleStrategy(true, { prepareForUpdate: keepSpec }),
    scale: {
      specReplicas: (o) => (o.spec as { replicas?: number } | undefined)?.replicas ?? 0,
      setSpecReplicas: (o, n) => {
        ((o.spec ??= {}) as { replicas?: number }).replicas = n;
      },
      statusReplicas: (o) => (o.status as { replicas?: number } | undefined)?.replicas ?? 0,
      selector: () => 'app=w',
    },
    table: { columns: [{ name: 'Name', type: 'string', format: 'name', description: '', priority: 0 }], row: (o) => [o.metadata.name] },
    selectableFields: (obj) => ({ 'metadata.name': obj.metadata.name ?? '', 'metadata.namespace': obj.metadata.namespace ?? '', 'spec.color': String((obj.spec as { color?: string } | undefined)?.color ?? '') }),
    etcdPrefix: '/registry/widgets',
  };
}

/** namespaceDef is a Namespace-like cluster-scoped resource. */
export function namespaceDef(): ResourceDefinition {
  return {
    ...configMapDef(),
    kind: 'Namespace',
    listKind: 'NamespaceList',
    resource: 'namespaces',
    singular: 'namespace',
    shortNames: ['ns'],
    namespaced: false,
    strategy: simpleStrategy(false),
    etcdPrefix: '/registry/namespaces',
  };
}
