// Mirrors the pod half of pkg/apis/core/v1/defaults.go and the walk of zz_generated.defaults.go:
// SetDefaults_Pod, _PodSpec, _Container, _ContainerPort, _Probe, _HTTPGetAction, the volume
// sources and _ObjectFieldSelector, applied to a pod spec wherever it appears (pods and templates).
import type { Container, Pod, PodSpec, PodTemplateSpec, Probe, Volume } from './types-pod.js';

export const DefaultTerminationGracePeriodSeconds = 30;
export const DefaultSchedulerName = 'default-scheduler';
export const TerminationMessagePathDefault = '/dev/termination-log';
/** DefaultVolumeMode is 0644, the mode secret, config map, downward API and projected files get. */
export const DefaultVolumeMode = 0o644;

/** imageTag returns the tag parsers.ParseImageName finds: "latest" when there is neither tag nor digest. */
export function imageTag(image: string): string {
  if (image.includes('@')) return '';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon < 0 ? 'latest' : image.slice(colon + 1);
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ||= 1;
  p.periodSeconds ||= 10;
  p.successThreshold ||= 1;
  p.failureThreshold ||= 3;
  if (p.httpGet) {
    p.httpGet.path ||= '/';
    p.httpGet.scheme ||= 'HTTP';
  }
}

/** setDefaultsContainer mirrors SetDefaults_Container and the defaults of what a container holds. */
export function setDefaultsContainer(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ||= TerminationMessagePathDefault;
  c.terminationMessagePolicy ||= 'File';
  for (const p of c.ports ?? []) p.protocol ||= 'TCP';
  for (const e of c.env ?? []) if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ||= 'v1';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  for (const h of [c.lifecycle?.postStart, c.lifecycle?.preStop]) {
    if (h?.httpGet) {
      h.httpGet.path ||= '/';
      h.httpGet.scheme ||= 'HTTP';
    }
  }
}

const volumeSources = ['hostPath', 'emptyDir', 'secret', 'configMap', 'downwardAPI', 'projected', 'persistentVolumeClaim', 'nfs'] as const;

/** setDefaultsVolume mirrors SetDefaults_Volume (no source → emptyDir) and the source defaults. */
export function setDefaultsVolume(v: Volume): void {
  const known = volumeSources.some((k) => v[k] !== undefined && v[k] !== null);
  // Any other key is a source this engine does not model; leave such volumes alone.
  const other = Object.keys(v).some((k) => k !== 'name' && !(volumeSources as readonly string[]).includes(k));
  if (!known && !other) v.emptyDir = {};
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
  if (v.secret && v.secret.defaultMode === undefined) v.secret.defaultMode = DefaultVolumeMode;
  if (v.configMap && v.configMap.defaultMode === undefined) v.configMap.defaultMode = DefaultVolumeMode;
  if (v.downwardAPI) {
    if (v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = DefaultVolumeMode;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ||= 'v1';
  }
  if (v.projected) {
    if (v.projected.defaultMode === undefined) v.projected.defaultMode = DefaultVolumeMode;
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken && s.serviceAccountToken.expirationSeconds === undefined) s.serviceAccountToken.expirationSeconds = 3600;
      for (const item of s.downwardAPI?.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ||= 'v1';
    }
  }
}

/** defaultHostNetworkPorts sets hostPort = containerPort for host-network pods. */
function defaultHostNetworkPorts(containers: Container[] | undefined): void {
  for (const c of containers ?? []) for (const p of c.ports ?? []) if (p.hostPort === undefined) p.hostPort = p.containerPort;
}

/** setDefaultsPodSpec mirrors SetDefaults_PodSpec and walks containers and volumes. */
export function setDefaultsPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  if (spec.hostNetwork) {
    defaultHostNetworkPorts(spec.containers);
    defaultHostNetworkPorts(spec.initContainers);
  }
  if (!spec.securityContext) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null)
    spec.terminationGracePeriodSeconds = DefaultTerminationGracePeriodSeconds;
  spec.schedulerName ||= DefaultSchedulerName;
  // The v1 conversion keeps the deprecated serviceAccount in step with serviceAccountName.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const c of spec.initContainers ?? []) setDefaultsContainer(c);
  for (const c of spec.containers ?? []) setDefaultsContainer(c);
  for (const v of spec.volumes ?? []) setDefaultsVolume(v);
}

export function setDefaultsPodTemplateSpec(t: PodTemplateSpec | undefined): void {
  if (t?.spec) setDefaultsPodSpec(t.spec);
}

/** setDefaultsPod mirrors SetObjectDefaults_Pod: requests from limits and service links only for pods. */
export function setDefaultsPod(pod: Pod): void {
  const spec = pod.spec;
  if (!spec) return;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    const requests = (c.resources!.requests ??= {});
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  setDefaultsPodSpec(spec);
}
