// Mirrors the environment half of pkg/kubelet/kubelet_pods.go: makeEnvironmentVariables (envFrom,
// env with $(VAR) expansion, valueFrom fieldRef/resourceFieldRef/configMapKeyRef/secretKeyRef, and
// the service variables of getServiceEnvVarMap) and podFieldSelectorRuntimeValue. Errors read as
// upstream's, and become the container's CreateContainerConfigError message.
import type { ConfigMap, Container, EnvVar, Pod, ResourceList, Secret, Service } from '../api/core/v1/types.js';
import { isNotFound } from '../apimachinery/api/errors/errors.js';
import { parseQuantity } from '../apimachinery/api/resource/quantity.js';
import { fromServices, isServiceIPSet } from './envvars/envvars.js';

/** masterServiceNamespace is where the `kubernetes` service every pod sees lives. */
export const masterServiceNamespace = 'default';

export interface EnvSources {
  /** services lists services of a namespace (an informer's cache upstream). */
  services(namespace: string): Service[];
  getConfigMap(namespace: string, name: string): Promise<ConfigMap>;
  getSecret(namespace: string, name: string): Promise<Secret>;
  /** nodeAllocatable is the default for resourceFieldRef limits a container does not set. */
  nodeAllocatable(): ResourceList;
}

export interface PodIPs {
  podIPs: string[];
  hostIPs: string[];
}

/** getServiceEnvVarMap: the master `kubernetes` service always, the pod namespace's when links are on. */
export function getServiceEnvVarMap(sources: EnvSources, namespace: string, enableServiceLinks: boolean): Map<string, string> {
  const byName = new Map<string, Service>();
  for (const s of sources.services(masterServiceNamespace)) {
    if (!isServiceIPSet(s)) continue;
    if (s.metadata.name === 'kubernetes' || (enableServiceLinks && namespace === masterServiceNamespace)) byName.set(s.metadata.name!, s);
  }
  if (enableServiceLinks && namespace !== masterServiceNamespace) {
    for (const s of sources.services(namespace)) if (isServiceIPSet(s)) byName.set(s.metadata.name!, s);
  }
  const sorted = [...byName.values()].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  return new Map(fromServices(sorted).map((e) => [e.name, e.value ?? '']));
}

/** expand substitutes $(VAR) references the way third_party/forked/golang/expansion does. */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  return input.replace(/\$\$|\$\(([^)]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    const v = lookup(name ?? '');
    return v === undefined ? m : v;
  });
}

const validEnvName = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** makeEnvironmentVariables returns the container's variables in the order upstream builds them. */
export async function makeEnvironmentVariables(pod: Pod, container: Container, ips: PodIPs, sources: EnvSources): Promise<EnvVar[]> {
  const ns = pod.metadata.namespace ?? 'default';
  const enableServiceLinks = pod.spec?.enableServiceLinks ?? true;
  const serviceEnv = getServiceEnvVarMap(sources, ns, enableServiceLinks);
  const tmpEnv = new Map<string, string>();
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    let data: Record<string, string> | undefined;
    if (from.configMapRef) {
      const name = from.configMapRef.name ?? '';
      const cm = await getOptional(() => sources.getConfigMap(ns, name), from.configMapRef.optional, `configmap "${name}" not found`);
      data = cm?.data;
    } else if (from.secretRef) {
      const name = from.secretRef.name ?? '';
      const secret = await getOptional(() => sources.getSecret(ns, name), from.secretRef.optional, `secret "${name}" not found`);
      data = secret?.data && Object.fromEntries(Object.entries(secret.data).map(([k, v]) => [k, decodeBase64(v)]));
    }
    for (const [k, v] of Object.entries(data ?? {})) {
      const key = prefix + k;
      if (validEnvName.test(key)) tmpEnv.set(key, v);
    }
  }
  const mappingFunc = (name: string) => tmpEnv.get(name) ?? serviceEnv.get(name);
  for (const envVar of container.env ?? []) {
    let value = envVar.value ?? '';
    if (envVar.value !== undefined && envVar.value !== '') value = expand(envVar.value, mappingFunc);
    else if (envVar.valueFrom) value = await valueFrom(pod, container, envVar, ips, sources);
    tmpEnv.set(envVar.name, value);
  }
  for (const [k, v] of serviceEnv) if (!tmpEnv.has(k)) tmpEnv.set(k, v);
  return [...tmpEnv].map(([name, value]) => ({ name, value }));
}

async function valueFrom(pod: Pod, container: Container, envVar: EnvVar, ips: PodIPs, sources: EnvSources): Promise<string> {
  const ns = pod.metadata.namespace ?? 'default';
  const from = envVar.valueFrom!;
  if (from.fieldRef) return podFieldSelectorRuntimeValue(pod, from.fieldRef.fieldPath, ips);
  if (from.resourceFieldRef) return containerResourceValue(pod, from.resourceFieldRef.containerName || container.name, from.resourceFieldRef.resource, from.resourceFieldRef.divisor, sources.nodeAllocatable());
  if (from.configMapKeyRef) {
    const { name = '', key, optional } = from.configMapKeyRef;
    const cm = await getOptional(() => sources.getConfigMap(ns, name), optional, `configmap "${name}" not found`);
    if (!cm) return '';
    const v = cm.data?.[key];
    if (v === undefined) {
      if (optional) return '';
      throw new Error(`couldn't find key ${key} in ConfigMap ${ns}/${name}`);
    }
    return v;
  }
  if (from.secretKeyRef) {
    const { name = '', key, optional } = from.secretKeyRef;
    const secret = await getOptional(() => sources.getSecret(ns, name), optional, `secret "${name}" not found`);
    if (!secret) return '';
    const v = secret.data?.[key];
    if (v === undefined) {
      if (optional) return '';
      throw new Error(`couldn't find key ${key} in Secret ${ns}/${name}`);
    }
    return decodeBase64(v);
  }
  return '';
}

async function getOptional<T>(get: () => Promise<T>, optional: boolean | undefined, notFound: string): Promise<T | undefined> {
  try {
    return await get();
  } catch (err) {
    if (!isNotFound(err)) throw err;
    if (optional) return undefined;
    throw new Error(notFound);
  }
}

/** podFieldSelectorRuntimeValue resolves a downward API field path of the pod. */
export function podFieldSelectorRuntimeValue(pod: Pod, fieldPath: string, ips: PodIPs): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]!] ?? '';
  switch (fieldPath) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'metadata.labels': return formatMap(pod.metadata.labels);
    case 'metadata.annotations': return formatMap(pod.metadata.annotations);
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP': return ips.hostIPs[0] ?? '';
    case 'status.hostIPs': return ips.hostIPs.join(',');
    case 'status.podIP': return ips.podIPs[0] ?? '';
    case 'status.podIPs': return ips.podIPs.join(',');
    default: throw new Error(`unsupported fieldPath: ${fieldPath}`);
  }
}

/** formatMap prints labels/annotations as the downward API file does: key="value" lines, sorted. */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}=${JSON.stringify(m![k])}`).join('\n');
}

/** containerResourceValue is resource.ExtractContainerResourceValue with node allocatable defaults. */
export function containerResourceValue(pod: Pod, containerName: string, resource: string, divisor: string | number | undefined, allocatable: ResourceList): string {
  const c = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x) => x.name === containerName);
  if (!c) throw new Error(`container ${containerName} not found`);
  const [kind, name] = resource.split('.') as ['limits' | 'requests', string];
  let q = kind === 'limits' ? c.resources?.limits?.[name] : c.resources?.requests?.[name];
  if (q === undefined && kind === 'limits') q = allocatable[name];
  if (q === undefined) q = 0;
  const d = parseQuantity(divisor === undefined || divisor === '' ? 1 : divisor);
  const value = parseQuantity(q);
  if (name === 'cpu') return String(Math.ceil(value.milliValue() / d.milliValue()));
  return String(Math.ceil(value.asApproximateFloat64() / d.asApproximateFloat64()));
}

export function decodeBase64(v: string): string {
  const bin = atob(v);
  return new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
}

export function decodeBase64Bytes(v: string): Uint8Array {
  return Uint8Array.from(atob(v), (ch) => ch.charCodeAt(0));
}
