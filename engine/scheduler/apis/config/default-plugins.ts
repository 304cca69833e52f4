// Mirrors pkg/scheduler/apis/config/v1/default_plugins.go (getDefaultPlugins) for the plugins
// Kubelab implements: one multiPoint list, score weights as in v1.32.
import type { Plugins } from './types.js';

export function getDefaultPlugins(): Plugins {
  return {
    multiPoint: {
      enabled: [
        { name: 'PrioritySort' },
        { name: 'NodeUnschedulable' },
        { name: 'NodeName' },
        { name: 'TaintToleration', weight: 3 },
        { name: 'NodeAffinity', weight: 2 },
        { name: 'NodePorts' },
        { name: 'NodeResourcesFit', weight: 1 },
        { name: 'VolumeRestrictions' },
        { name: 'PodTopologySpread', weight: 2 },
        { name: 'DefaultPreemption' },
        { name: 'NodeResourcesBalancedAllocation', weight: 1 },
        { name: 'ImageLocality', weight: 1 },
        { name: 'DefaultBinder' },
      ],
    },
  };
}
