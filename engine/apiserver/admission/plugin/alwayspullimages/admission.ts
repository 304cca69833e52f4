// Mirrors plugin/pkg/admission/alwayspullimages/admission.go: every container of a new pod (or one
// whose images change) gets imagePullPolicy Always, so a pod cannot use an image another tenant
// pulled onto the node without credentials. Off by default, as upstream.
import type { Container, Pod } from '../../../../api/core/v1/types.js';
import { notSupported, Path, errorString } from '../../../../apimachinery/util/validation/field/errors.js';
import type { Attributes, Plugin } from '../../interfaces.js';
import { aggregate, isCoreResource, newForbidden } from '../errors.js';

export const pluginName = 'AlwaysPullImages';

type Visit = (c: Container, p: Path) => void;

function visitContainers(pod: Pod, fn: Visit): void {
  (pod.spec?.initContainers ?? []).forEach((c, i) => fn(c, Path.root('spec', 'initContainers').index(i)));
  (pod.spec?.containers ?? []).forEach((c, i) => fn(c, Path.root('spec', 'containers').index(i)));
}

/** isUpdateWithNoNewImages: an update that keeps every image needs no re-pull (a status-like change). */
function isUpdateWithNoNewImages(a: Attributes): boolean {
  if (a.operation !== 'UPDATE' || !a.oldObject) return false;
  const old = new Set<string>();
  visitContainers(a.oldObject as unknown as Pod, (c) => old.add(c.image ?? ''));
  let fresh = false;
  visitContainers(a.object as unknown as Pod, (c) => (fresh ||= !old.has(c.image ?? '')));
  return !fresh;
}

export function newAlwaysPullImages(): Plugin {
  const applies = (a: Attributes) => isCoreResource(a, 'pods') && !!a.object && !isUpdateWithNoNewImages(a);
  return {
    name: pluginName,
    handles: (op) => op === 'CREATE' || op === 'UPDATE',
    admit(a) {
      if (!applies(a)) return;
      visitContainers(a.object as unknown as Pod, (c) => (c.imagePullPolicy = 'Always'));
    },
    validate(a) {
      if (!applies(a)) return;
      const errs: string[] = [];
      visitContainers(a.object as unknown as Pod, (c, p) => {
        if (c.imagePullPolicy !== 'Always') errs.push(errorString(notSupported(p.child('imagePullPolicy'), c.imagePullPolicy ?? '', ['Always'])));
      });
      if (errs.length) throw newForbidden(a, aggregate(errs));
    },
  };
}
