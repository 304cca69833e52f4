// Mirrors pkg/scheduler/framework/plugins/names/names.go: the in-tree plugin names.
export const PrioritySort = 'PrioritySort';
export const DefaultBinder = 'DefaultBinder';
export const DefaultPreemption = 'DefaultPreemption';
export const ImageLocality = 'ImageLocality';
export const NodeAffinity = 'NodeAffinity';
export const NodeLabel = 'NodeLabel';
export const NodeName = 'NodeName';
export const NodePorts = 'NodePorts';
export const NodeResourcesBalancedAllocation = 'NodeResourcesBalancedAllocation';
export const NodeResourcesFit = 'NodeResourcesFit';
export const NodeUnschedulable = 'NodeUnschedulable';
export const PodTopologySpread = 'PodTopologySpread';
export const SelectorSpread = 'SelectorSpread';
export const ServiceAffinity = 'ServiceAffinity';
export const TaintToleration = 'TaintToleration';
export const VolumeRestrictions = 'VolumeRestrictions';
