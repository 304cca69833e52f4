// Mirrors plugin/pkg/admission/defaulttolerationseconds/admission.go: pods that do not tolerate the
// not-ready / unreachable NoExecute taints get tolerations for them with tolerationSeconds 300, so a
// failing node's pods are evicted after five minutes. The flags that change 300 are options here.
import type { Pod, Toleration } from '../../../../api/core/v1/types.js';
import type { Plugin } from '../../interfaces.js';
import { isCoreResource } from '../errors.js';

export const pluginName = 'DefaultTolerationSeconds';
export const taintNodeNotReady = 'node.kubernetes.io/not-ready';
export const taintNodeUnreachable = 'node.kubernetes.io/unreachable';

export interface DefaultTolerationSecondsOptions {
  /** defaultNotReadyTolerationSeconds is --default-not-ready-toleration-seconds (300). */
  defaultNotReadyTolerationSeconds?: number;
  /** defaultUnreachableTolerationSeconds is --default-unreachable-toleration-seconds (300). */
  defaultUnreachableTolerationSeconds?: number;
}

/** tolerates reports whether a toleration already covers key:NoExecute (an empty key or effect matches all). */
const tolerates = (t: Toleration, key: string) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect);

/** addDefaultTolerations appends the two tolerations a pod lacks. */
export function addDefaultTolerations(pod: Pod, notReadySeconds = 300, unreachableSeconds = 300): void {
  const spec = (pod.spec ??= { containers: [] });
  const list = spec.tolerations ?? [];
  const add: Toleration[] = [];
  if (!list.some((t) => tolerates(t, taintNodeNotReady))) {
    add.push({ key: taintNodeNotReady, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: notReadySeconds });
  }
  if (!list.some((t) => tolerates(t, taintNodeUnreachable))) {
    add.push({ key: taintNodeUnreachable, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: unreachableSeconds });
  }
  if (add.length) spec.tolerations = [...list, ...add];
}

export function newDefaultTolerationSeconds(opts: DefaultTolerationSecondsOptions = {}): Plugin {
  return {
    name: pluginName,
    handles: (op) => op === 'CREATE' || op === 'UPDATE',
    admit(a) {
      if (!isCoreResource(a, 'pods') || !a.object) return;
      addDefaultTolerations(a.object as unknown as Pod, opts.defaultNotReadyTolerationSeconds, opts.defaultUnreachableTolerationSeconds);
    },
  };
}
