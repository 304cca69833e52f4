// Mirrors pkg/scheduler/framework/plugins/registry.go (NewInTreeRegistry): every in-tree plugin's
// name mapped to its New. The books' predicate and priority names are resolved to these plugins
// by legacy-registry.ts.
import type { PluginFactory } from '../interface.js';
import * as defaultbinder from './defaultbinder/default-binder.js';
import * as defaultpreemption from './defaultpreemption/default-preemption.js';
import * as imagelocality from './imagelocality/image-locality.js';
import * as nodeaffinity from './nodeaffinity/node-affinity.js';
import * as nodelabel from './nodelabel/node-label.js';
import * as nodename from './nodename/node-name.js';
import * as nodeports from './nodeports/node-ports.js';
import * as balancedallocation from './noderesources/balanced-allocation.js';
import * as fit from './noderesources/fit.js';
import * as nodeunschedulable from './nodeunschedulable/node-unschedulable.js';
import * as podtopologyspread from './podtopologyspread/plugin.js';
import * as queuesort from './queuesort/priority-sort.js';
import * as selectorspread from './selectorspread/selector-spread.js';
import * as serviceaffinity from './serviceaffinity/service-affinity.js';
import * as tainttoleration from './tainttoleration/taint-toleration.js';
import * as volumerestrictions from './volumerestrictions/volume-restrictions.js';

/** Registry maps plugin names to their constructors (runtime.Registry). */
export type Registry = Record<string, PluginFactory>;

export function newInTreeRegistry(): Registry {
  const registry: Registry = {};
  for (const p of [
    queuesort,
    defaultbinder,
    defaultpreemption,
    imagelocality,
    nodeaffinity,
    nodelabel,
    nodename,
    nodeports,
    balancedallocation,
    fit,
    nodeunschedulable,
    podtopologyspread,
    selectorspread,
    serviceaffinity,
    tainttoleration,
    volumerestrictions,
  ]) {
    registry[p.Name] = p.New;
  }
  return registry;
}
