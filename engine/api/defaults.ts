// Mirrors the scheme's Default(obj) (runtime.Scheme.AddTypeDefaultingFunc registrations of each
// group's zz_generated.defaults.go): one entry point that applies the versioned defaults of a kind.
import type { GroupVersionKind } from '../apimachinery/runtime/schema/group-version.js';
import { coreDefaulters } from './core/v1/defaults.js';
import { appsDefaulters } from './apps/v1/defaults.js';
import { batchDefaulters } from './batch/v1/defaults.js';
import { autoscalingDefaulters } from './autoscaling/v1/defaults.js';
import { autoscalingV2Defaulters } from './autoscaling/v2/defaults.js';
import { discoveryDefaulters } from './discovery/v1/defaults.js';

const byGroupVersion: Record<string, Record<string, (obj: never) => void>> = {
  '/v1': coreDefaulters,
  'apps/v1': appsDefaulters,
  'batch/v1': batchDefaulters,
  'autoscaling/v1': autoscalingDefaulters,
  'autoscaling/v2': autoscalingV2Defaulters,
  'discovery.k8s.io/v1': discoveryDefaulters,
};

/**
 * setObjectDefaults fills the defaults of obj in place (the object must carry metadata); kinds
 * without defaults are left alone.
 */
export function setObjectDefaults(gvk: GroupVersionKind, obj: { metadata?: object }): void {
  const fn = byGroupVersion[`${gvk.group}/${gvk.version}`]?.[gvk.kind];
  if (!fn) return;
  obj.metadata ??= {};
  fn(obj as never);
}
