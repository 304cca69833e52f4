// Mirrors pkg/scheduler/profile/profile.go: one framework per scheduler name, each with an event
// recorder reporting as that name ("default-scheduler"), so one process can serve several
// schedulers. Profiles that leave the plugin lists out get the defaults merged in, as upstream.
import { getDefaultPlugins } from '../apis/config/default-plugins.js';
import { DefaultSchedulerName, type KubeSchedulerProfile, type Plugin, type Plugins } from '../apis/config/types.js';
import type { Handle } from '../framework/interface.js';
import { Framework } from '../framework/runtime/framework.js';
import type { Registry } from '../framework/plugins/registry.js';

/** mergeDefaults applies a profile's multiPoint enables/disables over the default plugin list. */
export function mergeDefaults(plugins: Plugins | undefined): Plugins {
  const defaults = getDefaultPlugins().multiPoint!.enabled!;
  const custom = plugins?.multiPoint;
  const disabled = new Set((custom?.disabled ?? []).map((d) => d.name));
  const enabled: Plugin[] = disabled.has('*') ? [] : defaults.filter((d) => !disabled.has(d.name)).map((d) => ({ ...d }));
  for (const e of custom?.enabled ?? []) {
    const existing = enabled.find((d) => d.name === e.name);
    if (existing) existing.weight = e.weight ?? existing.weight;
    else enabled.push(e);
  }
  return { ...(plugins ?? {}), multiPoint: { enabled } };
}

/** newMap builds the frameworks; scheduler names must be unique. */
export function newMap(registry: Registry, profiles: KubeSchedulerProfile[], handleFor: (schedulerName: string) => Omit<Handle, 'runFilterPlugins'>): Map<string, Framework> {
  const map = new Map<string, Framework>();
  for (const p of profiles) {
    const name = p.schedulerName || DefaultSchedulerName;
    if (map.has(name)) throw new Error(`duplicate profile with scheduler name ${JSON.stringify(name)}`);
    map.set(name, new Framework(registry, { ...p, schedulerName: name }, handleFor(name)));
  }
  return map;
}
