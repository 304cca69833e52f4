// Mirrors plugin/pkg/admission/namespace/exists/admission.go: NamespaceExists refuses to create
// objects in a namespace that does not exist (the 1.x clusters' companion of NamespaceLifecycle).
import { newNotFound } from '../../../../../apimachinery/api/errors/errors.js';
import type { Plugin } from '../../../interfaces.js';
import type { PluginContext } from '../../context.js';

export const pluginName = 'NamespaceExists';

export function newExists(ctx: PluginContext): Plugin {
  return {
    name: pluginName,
    handles: (op) => op === 'CREATE',
    validate(a) {
      if (!a.namespace || (a.group === '' && a.resource === 'namespaces') || !ctx.has('namespaces')) return;
      if (!ctx.get('namespaces', '', a.namespace)) throw newNotFound({ group: '', resource: 'namespaces' }, a.namespace);
    },
  };
}
