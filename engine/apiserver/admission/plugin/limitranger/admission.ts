// Mirrors plugin/pkg/admission/limitranger/admission.go: on pod creation, containers without
// requests/limits get the defaults of the namespace's LimitRanges (type Container: default,
// defaultRequest) and an annotation saying so; pods and claims that break min/max/ratio are refused
// with upstream's messages. Simplified: no LRU of live lookups (reads come from storage).
import type { Container, LimitRange, PersistentVolumeClaim, Pod, ResourceList } from '../../../../api/core/v1/types.js';
import { setDefaultsLimitRange } from '../../../../api/core/v1/defaults.js';
import { deepCopy } from '../../../../apimachinery/api/equality/semantic.js';
import type { Attributes, Plugin } from '../../interfaces.js';
import type { PluginContext } from '../context.js';
import { aggregate, isCoreResource, newForbidden } from '../errors.js';
import { limitRequestRatioConstraint, maxConstraint, maxRequestConstraint, minConstraint, podLimits, podRequests } from './constraints.js';

export const pluginName = 'LimitRanger';
export const limitRangerAnnotation = 'kubernetes.io/limit-ranger';

/** defaultContainerResourceRequirements collects the Container defaults of one LimitRange. */
export function defaultContainerResourceRequirements(lr: LimitRange): { requests: ResourceList; limits: ResourceList } {
  const out = { requests: {} as ResourceList, limits: {} as ResourceList };
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    Object.assign(out.requests, item.defaultRequest);
    Object.assign(out.limits, item.default);
  }
  return out;
}

function mergeContainerResources(c: Container, defaults: { requests: ResourceList; limits: ResourceList }, prefix: string, notes: string[]): void {
  c.resources ??= {};
  const limits = (c.resources.limits ??= {});
  const requests = (c.resources.requests ??= {});
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of Object.entries(defaults.limits)) if (!(k in limits)) (limits[k] = v), setLimits.push(k);
  for (const [k, v] of Object.entries(defaults.requests)) if (!(k in requests)) (requests[k] = v), setRequests.push(k);
  // Go's typed empty maps are dropped on the wire; keep the JSON as a Go server would print it.
  if (Object.keys(limits).length === 0) delete c.resources.limits;
  if (Object.keys(requests).length === 0) delete c.resources.requests;
  if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
  if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
}

/** mergePodResourceRequirements applies defaults to every container and records what it set. */
export function mergePodResourceRequirements(pod: Pod, defaults: { requests: ResourceList; limits: ResourceList }): void {
  const notes: string[] = [];
  for (const c of pod.spec?.containers ?? []) mergeContainerResources(c, defaults, 'container', notes);
  for (const c of pod.spec?.initContainers ?? []) mergeContainerResources(c, defaults, 'init container', notes);
  if (notes.length) (pod.metadata.annotations ??= {})[limitRangerAnnotation] = `LimitRanger plugin set: ${notes.join('; ')}`;
}

const sorted = (list: ResourceList | undefined) => Object.entries(list ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** podValidateLimitFunc mirrors PodValidateLimitFunc: the errors of one pod against one LimitRange. */
export function podValidateLimitFunc(lr: LimitRange, pod: Pod): string[] {
  const errs: string[] = [];
  const push = (e: string | undefined) => e !== undefined && errs.push(e);
  for (const item of lr.spec?.limits ?? []) {
    if (item.type === 'Container') {
      for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
        const req = c.resources?.requests ?? {};
        const lim = c.resources?.limits ?? {};
        for (const [k, v] of sorted(item.min)) push(minConstraint(item.type, k, v, req, lim));
        for (const [k, v] of sorted(item.max)) push(maxConstraint(item.type, k, v, req, lim));
        for (const [k, v] of sorted(item.maxLimitRequestRatio)) push(limitRequestRatioConstraint(item.type, k, v, req, lim));
      }
    }
    if (item.type === 'Pod') {
      const req = podRequests(pod);
      const lim = podLimits(pod);
      for (const [k, v] of sorted(item.min)) push(minConstraint(item.type, k, v, req, lim));
      for (const [k, v] of sorted(item.max)) push(maxConstraint(item.type, k, v, req, lim));
      for (const [k, v] of sorted(item.maxLimitRequestRatio)) push(limitRequestRatioConstraint(item.type, k, v, req, lim));
    }
  }
  return errs;
}

/** claimValidateLimitFunc mirrors PersistentVolumeClaimValidateLimitFunc (requests only). */
export function claimValidateLimitFunc(lr: LimitRange, pvc: PersistentVolumeClaim): string[] {
  const errs: string[] = [];
  const req = pvc.spec?.resources?.requests ?? {};
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [k, v] of sorted(item.min)) {
      const e = minConstraint(item.type, k, v, req, {});
      if (e) errs.push(e);
    }
    for (const [k, v] of sorted(item.max)) {
      const e = maxRequestConstraint(item.type, k, v, req);
      if (e) errs.push(e);
    }
  }
  return errs;
}

/** newLimitRanger builds the plugin; it stays idle on servers without limitranges. */
export function newLimitRanger(ctx: PluginContext): Plugin {
  // Stored ranges are already defaulted; defaulting again guards objects written around the API.
  const limitRanges = (ns: string): LimitRange[] =>
    ctx.list('limitranges', ns).map((r) => {
      const lr = deepCopy(r.object) as unknown as LimitRange;
      setDefaultsLimitRange(lr);
      return lr;
    });
  // Pod containers cannot change after creation, so updates are not looked at (SupportsAttributes).
  const supports = (a: Attributes) =>
    ctx.has('limitranges') && !!a.object && ((isCoreResource(a, 'pods') && a.operation === 'CREATE') || isCoreResource(a, 'persistentvolumeclaims'));
  return {
    name: pluginName,
    handles: (op) => op === 'CREATE' || op === 'UPDATE',
    admit(a) {
      if (!supports(a) || a.resource !== 'pods') return;
      const pod = a.object as unknown as Pod;
      for (const lr of limitRanges(a.namespace)) mergePodResourceRequirements(pod, defaultContainerResourceRequirements(lr));
    },
    validate(a) {
      if (!supports(a)) return;
      // runLimitFunc: the first LimitRange the object breaks answers, with all of that range's errors.
      for (const lr of limitRanges(a.namespace)) {
        const errs = a.resource === 'pods' ? podValidateLimitFunc(lr, a.object as unknown as Pod) : claimValidateLimitFunc(lr, a.object as unknown as PersistentVolumeClaim);
        if (errs.length) throw newForbidden(a, aggregate(errs));
      }
    },
  };
}
