// Mirrors pkg/scheduler/apis/config/types.go (KubeSchedulerConfiguration, profiles, plugin sets)
// and legacy_types.go (the 1.x Policy of --policy-config-file, with predicates and priorities).
// Extenders, percentageOfNodesToScore tuning and client connection settings are left out.

export const DefaultSchedulerName = 'default-scheduler';

export interface Plugin {
  name: string;
  weight?: number;
}

export interface PluginSet {
  enabled?: Plugin[];
  /** disabled may hold "*" to turn off every default plugin at that extension point. */
  disabled?: Plugin[];
}

export interface Plugins {
  multiPoint?: PluginSet;
  queueSort?: PluginSet;
  preFilter?: PluginSet;
  filter?: PluginSet;
  postFilter?: PluginSet;
  preScore?: PluginSet;
  score?: PluginSet;
  reserve?: PluginSet;
  bind?: PluginSet;
  postBind?: PluginSet;
}

export type ExtensionPoint = Exclude<keyof Plugins, 'multiPoint'>;
export const extensionPoints: ExtensionPoint[] = ['queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'bind', 'postBind'];

export interface PluginConfig {
  name: string;
  args?: unknown;
}

export interface KubeSchedulerProfile {
  schedulerName?: string;
  plugins?: Plugins;
  pluginConfig?: PluginConfig[];
}

export interface LeaderElectionConfiguration {
  leaderElect?: boolean;
  leaseDuration?: string;
  renewDeadline?: string;
  retryPeriod?: string;
  resourceLock?: string;
  resourceName?: string;
  resourceNamespace?: string;
}

export interface KubeSchedulerConfiguration {
  apiVersion?: string;
  kind?: 'KubeSchedulerConfiguration';
  profiles?: KubeSchedulerProfile[];
  leaderElection?: LeaderElectionConfiguration;
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
}

// ---- The legacy Policy (kind: Policy, apiVersion: v1) ----

export interface PredicatePolicy {
  name: string;
  argument?: {
    serviceAffinity?: { labels: string[] };
    labelsPresence?: { labels: string[]; presence: boolean };
  };
}

export interface PriorityPolicy {
  name: string;
  weight: number;
  argument?: {
    serviceAntiAffinity?: { label: string };
    labelPreference?: { label: string; presence: boolean };
  };
}

export interface Policy {
  kind?: 'Policy';
  apiVersion?: string;
  /** predicates absent means the provider's defaults; an empty list means none. */
  predicates?: PredicatePolicy[];
  priorities?: PriorityPolicy[];
  alwaysCheckAllPredicates?: boolean;
}
