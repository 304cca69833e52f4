// Mirrors plugin/pkg/admission/serviceaccount/admission.go: a new pod runs as spec.serviceAccountName
// ("default" when empty), the account must exist, its imagePullSecrets are copied and — unless the pod
// or the account opts out — every container mounts the projected kube-api-access-<rand> volume (token,
// ca.crt, namespace) at /var/run/secrets/kubernetes.io/serviceaccount. Mirror pods are left alone.
//
// The missing "default" account: upstream looks it up again for ~1–2 s (it expects the serviceaccount
// controller to create it) and then refuses the pod. An API server cannot block on that here (tests run
// on a virtual clock, and a cluster may run without that controller), so by default a pod whose
// "default" account does not exist is admitted as is — spec.serviceAccountName "default", no token
// volume. `requireDefaultServiceAccount: true` restores upstream's refusal. Named accounts must exist
// (upstream), unless `requireServiceAccount: false`.
import type { Container, Pod, ServiceAccount, Volume } from '../../../../api/core/v1/types.js';
import { generateName } from '../../../storage/names/generate.js';
import type { Attributes, Plugin } from '../../interfaces.js';
import type { PluginContext } from '../context.js';
import { isCoreResource, newForbidden } from '../errors.js';

export const pluginName = 'ServiceAccount';
export const defaultServiceAccountName = 'default';
export const serviceAccountVolumeName = 'kube-api-access';
export const defaultAPITokenMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
export const mirrorPodAnnotationKey = 'kubernetes.io/config.mirror';
/** warnOnlyBoundTokenExpirationSeconds is the token lifetime upstream projects (1 h + 7 s). */
export const warnOnlyBoundTokenExpirationSeconds = 3607;

export interface ServiceAccountOptions {
  /** mountServiceAccountToken adds the token volume (upstream: true). */
  mountServiceAccountToken?: boolean;
  /** requireServiceAccount refuses pods naming an account that does not exist (upstream: true). */
  requireServiceAccount?: boolean;
  /** requireDefaultServiceAccount refuses pods when "default" is missing too (upstream: true; here false). */
  requireDefaultServiceAccount?: boolean;
  /** generateName draws the volume name's suffix (tests make it predictable). */
  generateName?: (base: string) => string;
}

/** tokenVolumeSource mirrors TokenVolumeSource: the projected sources of the API access volume. */
export function tokenVolumeSource(): NonNullable<Volume['projected']> {
  return {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: warnOnlyBoundTokenExpirationSeconds, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  };
}

/** shouldAutomount: the pod's preference wins, then the account's, then true. */
export function shouldAutomount(sa: ServiceAccount, pod: Pod): boolean {
  return pod.spec?.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
}

/** mountServiceAccountToken mounts the API access volume into every container that lacks a mount at the path. */
export function mountServiceAccountToken(pod: Pod, gen: (base: string) => string): void {
  const spec = pod.spec!;
  const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(`${serviceAccountVolumeName}-`));
  const volumeName = existing?.name ?? gen(`${serviceAccountVolumeName}-`);
  let needsVolume = false;
  const mount = (c: Container) => {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === defaultAPITokenMountPath)) return;
    (c.volumeMounts ??= []).push({ name: volumeName, readOnly: true, mountPath: defaultAPITokenMountPath });
    needsVolume = true;
  };
  (spec.initContainers ?? []).forEach(mount);
  (spec.containers ?? []).forEach(mount);
  if (!existing && needsVolume) (spec.volumes ??= []).push({ name: volumeName, projected: tokenVolumeSource() });
}

/** newServiceAccount builds the plugin; it stays idle on servers without serviceaccounts. */
export function newServiceAccount(ctx: PluginContext, opts: ServiceAccountOptions = {}): Plugin {
  const mountToken = opts.mountServiceAccountToken ?? true;
  const requireNamed = opts.requireServiceAccount ?? true;
  const requireDefault = opts.requireDefaultServiceAccount ?? false;
  const gen = opts.generateName ?? generateName;
  const applies = (a: Attributes) => a.operation === 'CREATE' && isCoreResource(a, 'pods') && !!a.object && ctx.has('serviceaccounts');
  const isMirror = (pod: Pod) => pod.metadata.annotations?.[mirrorPodAnnotationKey] !== undefined;

  /** lookup returns the account, undefined when it may be missing, or throws the upstream refusal. */
  const lookup = (a: Attributes, name: string): ServiceAccount | undefined => {
    const sa = ctx.get('serviceaccounts', a.namespace, name) as ServiceAccount | undefined;
    if (sa) return sa;
    const required = name === defaultServiceAccountName ? requireDefault : requireNamed;
    if (!required) return undefined;
    throw newForbidden(a, `error looking up service account ${a.namespace}/${name}: serviceaccount "${name}" not found`);
  };

  return {
    name: pluginName,
    handles: (op) => op === 'CREATE',
    admit(a) {
      if (!applies(a)) return;
      const pod = a.object as unknown as Pod;
      if (isMirror(pod)) return;
      const spec = (pod.spec ??= { containers: [] });
      spec.serviceAccountName ||= defaultServiceAccountName;
      // The v1 wire form keeps the deprecated serviceAccount in step.
      spec.serviceAccount = spec.serviceAccountName;
      const sa = lookup(a, spec.serviceAccountName);
      if (!sa) return;
      if (mountToken && shouldAutomount(sa, pod)) mountServiceAccountToken(pod, gen);
      if (!spec.imagePullSecrets?.length && sa.imagePullSecrets?.length) {
        spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name ?? '' }));
      }
    },
    validate(a) {
      if (!applies(a)) return;
      const pod = a.object as unknown as Pod;
      if (isMirror(pod)) {
        if (pod.spec?.serviceAccountName) throw newForbidden(a, 'a mirror pod may not reference service accounts');
        if ((pod.spec?.volumes ?? []).some((v) => v.secret)) throw newForbidden(a, 'a mirror pod may not reference secrets');
        return;
      }
      const name = pod.spec?.serviceAccountName;
      if (!name) throw newForbidden(a, `no service account specified for pod ${a.namespace}/${pod.metadata.name ?? ''}`);
      lookup(a, name);
    },
  };
}
