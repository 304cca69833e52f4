// Mirrors pkg/registry/core/pod/strategy.go: a new pod starts Pending with its QoS class; updates
// keep the status and the status subresource keeps the spec (and owner references); deletion is
// graceful for scheduled, unfinished pods.
import type { DeleteOptions, KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { Pod } from '../../../../api/core/v1/types.js';
import { newStatusStrategy, newStrategy, setField, type StrategyConfig } from '../common/strategy-helpers.js';
import { getPodQOS } from './qos.js';

const asPod = (obj: KubeObject) => obj as unknown as Pod;

/** defaultTerminationGracePeriodSeconds is what SetDefaults_PodSpec fills in. */
export const defaultTerminationGracePeriodSeconds = 30;

const config: StrategyConfig = {
  gvk: { group: '', version: 'v1', kind: 'Pod' },
  namespaced: true,
  initialStatus: (obj) => ({ phase: 'Pending', qosClass: getPodQOS(asPod(obj)) }),
};

/**
 * checkGracefulDelete picks the grace period: the one asked for, else the pod's
 * terminationGracePeriodSeconds; 0 (delete now) for pods never scheduled or already finished.
 */
export function checkGracefulDelete(obj: KubeObject, options: DeleteOptions): number {
  const pod = asPod(obj);
  let period = options.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? defaultTerminationGracePeriodSeconds;
  if (!pod.spec?.nodeName) period = 0;
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') period = 0;
  return period;
}

export const Strategy = newStrategy(config, { checkGracefulDelete });

/** StatusStrategy serves pods/status: the kubelet may not touch spec or owner references. */
export const StatusStrategy = newStatusStrategy(Strategy, config, (obj, old) => {
  setField(obj.metadata as Record<string, unknown>, 'ownerReferences', old.metadata.ownerReferences);
});
