// Mirrors plugin/pkg/admission/resourcequota/admission.go and the write half of controller.go: a
// create (or an update that changes usage) is checked against every quota of its namespace, and the
// quotas' status.used are raised before the object is stored, each write guarded by the quota's
// revision. Two requests racing for the last unit cannot both win: the loser's write conflicts, it
// re-reads the quota and is refused. Simplified: no batching of requests per namespace.
import type { ResourceQuota } from '../../../../api/core/v1/types.js';
import { evaluatorFor } from '../../../../api/quota/v1/evaluators.js';
import { newConflict, optimisticLockErrorMsg } from '../../../../apimachinery/api/errors/errors.js';
import type { Attributes, Plugin } from '../../interfaces.js';
import type { PluginContext } from '../context.js';
import { newForbidden } from '../errors.js';
import { checkQuotas, QuotaCheckError, subtract } from './controller.js';

export const pluginName = 'ResourceQuota';

/** maxRetries bounds the re-reads after conflicting quota writes (upstream retries 3 times per batch). */
const maxRetries = 10;

export function newResourceQuota(ctx: PluginContext): Plugin {
  return {
    name: pluginName,
    handles: (op) => op === 'CREATE' || op === 'UPDATE',
    async validate(a: Attributes) {
      if (!a.namespace || a.subresource || !a.object || !ctx.has('resourcequotas')) return;
      const evaluator = evaluatorFor(a.group, a.resource);
      const isUpdate = a.operation === 'UPDATE';
      if (isUpdate && (!evaluator.handlesUpdate || !a.oldObject)) return;
      const delta = isUpdate ? subtract(evaluator.usage(a.object), evaluator.usage(a.oldObject)) : evaluator.usage(a.object);
      // pending holds the quotas still to check; written ones leave it, conflicting ones are re-read.
      let pending: Set<string> | undefined;
      for (let attempt = 0; attempt <= maxRetries; attempt++) {
        const stored = ctx.list('resourcequotas', a.namespace).filter((r) => !pending || pending.has(r.object.metadata.name!));
        if (stored.length === 0) return;
        const quotas = stored.map((r) => r.object as unknown as ResourceQuota);
        let changes;
        try {
          changes = checkQuotas(quotas, evaluator, a.object, delta, isUpdate);
        } catch (err) {
          if (err instanceof QuotaCheckError) throw newForbidden(a, err.message);
          throw err;
        }
        if (a.dryRun || changes.length === 0) return;
        pending = new Set();
        for (const change of changes) {
          const q = structuredClone(quotas[change.index]!);
          q.status = { ...q.status, used: change.used };
          const written = await ctx.update('resourcequotas', q as never, stored[change.index]!.modRevision);
          if (!written) pending.add(q.metadata.name!);
        }
        if (pending.size === 0) return;
      }
      throw newConflict({ group: '', resource: 'resourcequotas' }, [...pending!][0]!, optimisticLockErrorMsg);
    },
  };
}
