// Mirrors k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go: no new objects in
// a namespace that does not exist or is terminating, and the immortal namespaces cannot be deleted.
// Simplified: reads the namespace straight from storage instead of an informer cache.
import type { KubeObject } from '../../../../../apimachinery/apis/meta/v1/types.js';
import { newForbidden, newNotFound } from '../../../../../apimachinery/api/errors/errors.js';
import type { Attributes, Plugin } from '../../../interfaces.js';

export const pluginName = 'NamespaceLifecycle';

const immortalNamespaces = new Set(['default', 'kube-system', 'kube-public']);

/** newLifecycle builds the plugin over a namespace lookup (undefined when missing). */
export function newLifecycle(getNamespace: (name: string) => KubeObject | undefined): Plugin {
  return {
    name: pluginName,
    handles: (op) => op === 'CREATE' || op === 'DELETE',
    validate(a: Attributes) {
      if (a.group === '' && a.resource === 'namespaces') {
        if (a.operation === 'DELETE' && immortalNamespaces.has(a.name)) {
          throw newForbidden({ group: '', resource: 'namespaces' }, a.name, 'this namespace may not be deleted');
        }
        return;
      }
      // Only creates of namespaced objects are restricted.
      if (!a.namespace || a.operation !== 'CREATE') return;
      const ns = getNamespace(a.namespace);
      if (!ns) throw newNotFound({ group: '', resource: 'namespaces' }, a.namespace);
      const status = ns.status as { phase?: string } | undefined;
      if (status?.phase === 'Terminating' || ns.metadata.deletionTimestamp) {
        const gr = { group: a.group, resource: a.subresource ? `${a.resource}/${a.subresource}` : a.resource };
        throw newForbidden(gr, a.name, `unable to create new content in namespace ${a.namespace} because it is being terminated`);
      }
    },
  };
}
