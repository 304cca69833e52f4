// Mirrors pkg/kubeapiserver/options/plugins.go (AllOrderedPlugins, DefaultOffAdmissionPlugins) and
// k8s.io/apiserver/pkg/admission/plugins.go (the registry of named plugins): which admission plugins
// exist, their fixed order, which run by default, and how the flags pick them.
// --enable-admission-plugins / --disable-admission-plugins adjust the default set and never the order;
// the deprecated --admission-control of 1.x clusters names the exact list, in the order given.
import type { Plugin } from '../interfaces.js';
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import type { PluginContext } from './context.js';
import { newAlwaysAdmit } from './admit/admission.js';
import { newAlwaysDeny } from './deny/admission.js';
import { newAlwaysPullImages } from './alwayspullimages/admission.js';
import { newDefaultTolerationSeconds, type DefaultTolerationSecondsOptions } from './defaulttolerationseconds/admission.js';
import { newLimitRanger } from './limitranger/admission.js';
import { newLifecycle } from './namespace/lifecycle/admission.js';
import { newExists } from './namespace/exists/admission.js';
import { newResourceQuota } from './resourcequota/admission.js';
import { newServiceAccount, type ServiceAccountOptions } from './serviceaccount/admission.js';

/** allOrderedPlugins is upstream's order, reduced to the plugins Kubelab has. */
export const allOrderedPlugins = [
  'AlwaysAdmit',
  'NamespaceLifecycle',
  'NamespaceExists',
  'LimitRanger',
  'ServiceAccount',
  'AlwaysPullImages',
  'DefaultTolerationSeconds',
  // quota and deny go last, after every mutation
  'ResourceQuota',
  'AlwaysDeny',
] as const;

export type PluginName = (typeof allOrderedPlugins)[number];

/** defaultOffPlugins are off unless enabled, as in DefaultOffAdmissionPlugins. */
export const defaultOffPlugins = new Set<string>(['AlwaysAdmit', 'NamespaceExists', 'AlwaysPullImages', 'AlwaysDeny']);

/** defaultOnPlugins is what runs when no flag says otherwise, in order. */
export const defaultOnPlugins = allOrderedPlugins.filter((n) => !defaultOffPlugins.has(n));

/** AdmissionOptions are the per-plugin settings (upstream's flags and admission config file). */
export interface AdmissionOptions {
  /** enableAdmissionPlugins is --enable-admission-plugins: added to the defaults. */
  enableAdmissionPlugins?: string[];
  /** disableAdmissionPlugins is --disable-admission-plugins: removed from the defaults. */
  disableAdmissionPlugins?: string[];
  /** admissionControl is the deprecated --admission-control: exactly these, in this order. */
  admissionControl?: string[];
  serviceAccount?: ServiceAccountOptions;
  defaultTolerationSeconds?: DefaultTolerationSecondsOptions;
}

type Factory = (ctx: PluginContext, opts: AdmissionOptions) => Plugin;

const registry: Record<PluginName, Factory> = {
  AlwaysAdmit: () => newAlwaysAdmit(),
  NamespaceLifecycle: (ctx) => newLifecycle((name) => (ctx.has('namespaces') ? ctx.get('namespaces', '', name) : ({ metadata: { name } } as KubeObject))),
  NamespaceExists: (ctx) => newExists(ctx),
  LimitRanger: (ctx) => newLimitRanger(ctx),
  ServiceAccount: (ctx, o) => newServiceAccount(ctx, o.serviceAccount),
  AlwaysPullImages: () => newAlwaysPullImages(),
  DefaultTolerationSeconds: (_ctx, o) => newDefaultTolerationSeconds(o.defaultTolerationSeconds),
  ResourceQuota: (ctx) => newResourceQuota(ctx),
  AlwaysDeny: () => newAlwaysDeny(),
};

const isKnown = (n: string): n is PluginName => (allOrderedPlugins as readonly string[]).includes(n);

/** enabledPluginNames resolves the flags to the ordered list of plugin names; unknown names throw. */
export function enabledPluginNames(opts: AdmissionOptions = {}): string[] {
  const named = [...(opts.admissionControl ?? []), ...(opts.enableAdmissionPlugins ?? []), ...(opts.disableAdmissionPlugins ?? [])];
  for (const n of named) if (!isKnown(n)) throw new Error(`admission plugin "${n}" is unknown; known plugins: ${allOrderedPlugins.join(', ')}`);
  const both = (opts.enableAdmissionPlugins ?? []).filter((n) => opts.disableAdmissionPlugins?.includes(n));
  if (both.length) throw new Error(`${both.join(', ')} plugins specified in both enable-admission-plugins and disable-admission-plugins`);
  if (opts.admissionControl) {
    if (opts.enableAdmissionPlugins || opts.disableAdmissionPlugins) {
      throw new Error('admission-control and enable-admission-plugins/disable-admission-plugins flags are mutually exclusive');
    }
    return [...new Set(opts.admissionControl)];
  }
  const on = new Set<string>([...defaultOnPlugins, ...(opts.enableAdmissionPlugins ?? [])]);
  for (const n of opts.disableAdmissionPlugins ?? []) on.delete(n);
  return allOrderedPlugins.filter((n) => on.has(n));
}

/** newAdmissionPlugins builds the enabled plugins, in order, over the server's storage. */
export function newAdmissionPlugins(ctx: PluginContext, opts: AdmissionOptions = {}): Plugin[] {
  return enabledPluginNames(opts).map((n) => registry[n as PluginName](ctx, opts));
}
