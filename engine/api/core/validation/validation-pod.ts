// Mirrors the pod part of pkg/apis/core/validation/validation.go: ValidatePodSpec, containers,
// ports, env, probes, volumes, tolerations, ValidatePodCreate/Update. Resize, ephemeral containers,
// security-context and affinity details are not checked.
import { nameIsDNSSubdomain } from '../../../apimachinery/api/validation/generic.js';
import { validateAnnotations, validateLabels } from '../../../apimachinery/api/validation/objectmeta.js';
import { semanticDeepEqual } from '../../../apimachinery/api/equality/semantic.js';
import { validateObjectMetaUpdate } from '../../../apimachinery/api/validation/objectmeta.js';
import {
  duplicate, forbidden, invalid, notFound, notSupported, required, type ErrorList, type Path,
} from '../../../apimachinery/util/validation/field/errors.js';
import { Path as P } from '../../../apimachinery/util/validation/field/errors.js';
import {
  inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isValidPortName, isValidPortNum,
} from '../../../apimachinery/util/validation/validation.js';
import type { Container, Pod, PodSpec, PodTemplateSpec, Probe, Toleration, Volume } from '../../core/v1/types.js';
import { quantityOf, validateNonnegativeQuantity, validateObjectMeta, validatePortNumOrName, validateProtocol } from './common.js';

const nonneg = (v: number | undefined, p: Path): ErrorList => (v !== undefined && v !== null && v < 0 ? [invalid(p, v, 'must be greater than or equal to 0')] : []);

function validateContainerPorts(ports: Container['ports'], fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = fldPath.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) msgs.forEach((m) => errs.push(invalid(p.child('name'), port.name, m)));
      else if (names.has(port.name)) errs.push(duplicate(p.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(p.child('containerPort'), ''));
    else isValidPortNum(port.containerPort).forEach((m) => errs.push(invalid(p.child('containerPort'), port.containerPort, m)));
    if (port.hostPort) isValidPortNum(port.hostPort).forEach((m) => errs.push(invalid(p.child('hostPort'), port.hostPort, m)));
    errs.push(...validateProtocol(port.protocol, p.child('protocol')));
  });
  return errs;
}

function validateEnv(env: Container['env'], fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  (env ?? []).forEach((ev, i) => {
    const p = fldPath.index(i);
    if (!ev.name) errs.push(required(p.child('name'), ''));
    else isEnvVarName(ev.name).forEach((m) => errs.push(invalid(p.child('name'), ev.name, m)));
    if (ev.valueFrom) {
      const n = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => (ev.valueFrom as Record<string, unknown>)[k]).length;
      if (n === 0) errs.push(invalid(p.child('valueFrom'), '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      else if (n > 1) errs.push(invalid(p.child('valueFrom'), '', 'may not have more than one field specified at a time'));
      if (ev.value) errs.push(invalid(p.child('valueFrom'), '', 'may not be specified when `value` is not empty'));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: Container['volumeMounts'], volumes: Set<string>, fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  const paths = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const p = fldPath.index(i);
    if (!m.name) errs.push(required(p.child('name'), ''));
    else if (!volumes.has(m.name)) errs.push(notFound(p.child('name'), m.name));
    if (!m.mountPath) errs.push(required(p.child('mountPath'), ''));
    else if (paths.has(m.mountPath)) errs.push(invalid(p.child('mountPath'), m.mountPath, 'must be unique'));
    if (m.mountPath) paths.add(m.mountPath);
  });
  return errs;
}

function validateProbe(probe: Probe | undefined, fldPath: Path, mustSucceedOnce: boolean): ErrorList {
  if (!probe) return [];
  const errs: ErrorList = [];
  const handlers = (['exec', 'httpGet', 'tcpSocket', 'grpc'] as const).filter((k) => probe[k]);
  if (handlers.length === 0) errs.push(required(fldPath, 'must specify a handler type'));
  for (const h of handlers.slice(1)) errs.push(forbidden(fldPath.child(h), 'may not specify more than 1 handler type'));
  if (probe.httpGet) errs.push(...validatePortNumOrName(probe.httpGet.port, fldPath.child('httpGet', 'port')));
  if (probe.tcpSocket) errs.push(...validatePortNumOrName(probe.tcpSocket.port, fldPath.child('tcpSocket', 'port')));
  if (probe.exec && !probe.exec.command?.length) errs.push(required(fldPath.child('exec', 'command'), ''));
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const)
    errs.push(...nonneg(probe[k], fldPath.child(k)));
  if (mustSucceedOnce && probe.successThreshold !== undefined && probe.successThreshold !== 1)
    errs.push(invalid(fldPath.child('successThreshold'), probe.successThreshold, 'must be 1'));
  return errs;
}

function validateResources(c: Container, fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  const limits = c.resources?.limits ?? {};
  const requests = c.resources?.requests ?? {};
  for (const [k, v] of Object.entries(limits)) errs.push(...validateNonnegativeQuantity(v, fldPath.child('limits').key(k)));
  for (const [k, v] of Object.entries(requests)) {
    errs.push(...validateNonnegativeQuantity(v, fldPath.child('requests').key(k)));
    const lim = quantityOf(limits[k]);
    const req = quantityOf(v);
    if (lim !== undefined && req !== undefined && req.cmp(lim) > 0)
      errs.push(invalid(fldPath.child('requests').key(k), String(v), `must be less than or equal to ${k} limit of ${String(limits[k])}`));
  }
  return errs;
}

const pullPolicies = ['Always', 'IfNotPresent', 'Never'];
const terminationMessagePolicies = ['FallbackToLogsOnError', 'File'];

function validateContainer(c: Container, volumes: Set<string>, p: Path, isInit: boolean): ErrorList {
  const errs: ErrorList = [];
  if (!c.image) errs.push(required(p.child('image'), ''));
  if (!c.imagePullPolicy) errs.push(required(p.child('imagePullPolicy'), ''));
  else if (!pullPolicies.includes(c.imagePullPolicy)) errs.push(notSupported(p.child('imagePullPolicy'), c.imagePullPolicy, pullPolicies));
  if (!c.terminationMessagePolicy) errs.push(required(p.child('terminationMessagePolicy'), ''));
  else if (!terminationMessagePolicies.includes(c.terminationMessagePolicy))
    errs.push(notSupported(p.child('terminationMessagePolicy'), c.terminationMessagePolicy, terminationMessagePolicies));
  errs.push(...validateContainerPorts(c.ports, p.child('ports')));
  errs.push(...validateEnv(c.env, p.child('env')));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, p.child('volumeMounts')));
  errs.push(...validateResources(c, p.child('resources')));
  if (c.restartPolicy !== undefined && (!isInit || c.restartPolicy !== 'Always'))
    errs.push(isInit ? notSupported(p.child('restartPolicy'), c.restartPolicy, ['Always']) : forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  if (isInit && c.restartPolicy !== 'Always') {
    for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const)
      if (c[k]) errs.push(forbidden(p.child(k), `may not be set for init containers without restartPolicy=Always`));
  } else {
    errs.push(...validateProbe(c.livenessProbe, p.child('livenessProbe'), true));
    errs.push(...validateProbe(c.readinessProbe, p.child('readinessProbe'), false));
    errs.push(...validateProbe(c.startupProbe, p.child('startupProbe'), true));
  }
  return errs;
}

function validateContainers(containers: Container[] | undefined, volumes: Set<string>, names: Set<string>, fldPath: Path, isInit: boolean): ErrorList {
  const errs: ErrorList = [];
  if (!isInit && !containers?.length) errs.push(required(fldPath, ''));
  (containers ?? []).forEach((c, i) => {
    const p = fldPath.index(i);
    const namePath = p.child('name');
    if (!c.name) errs.push(required(namePath, ''));
    else {
      isDNS1123Label(c.name).forEach((m) => errs.push(invalid(namePath, c.name, m)));
      if (names.has(c.name)) errs.push(duplicate(namePath, c.name));
      else names.add(c.name);
    }
    errs.push(...validateContainer(c, volumes, p, isInit));
  });
  return errs;
}

// Upstream's order: the second source found is the one reported.
const volumeSources = ['emptyDir', 'hostPath', 'secret', 'nfs', 'persistentVolumeClaim', 'downwardAPI', 'configMap', 'projected'] as const;
const validMode = (m: number | undefined) => m === undefined || (m >= 0 && m <= 0o777);
const modeMsg = 'must be a number between 0 and 0777 (octal), both inclusive';

function validateVolumeSource(v: Volume, p: Path): ErrorList {
  const errs: ErrorList = [];
  const present = volumeSources.filter((k) => v[k]);
  if (present.length === 0) errs.push(required(p, 'must specify a volume type'));
  for (const k of present.slice(1)) errs.push(forbidden(p.child(k), 'may not specify more than 1 volume type'));
  if (v.hostPath && !v.hostPath.path) errs.push(required(p.child('hostPath', 'path'), ''));
  if (v.secret) {
    if (!v.secret.secretName) errs.push(required(p.child('secret', 'secretName'), ''));
    if (!validMode(v.secret.defaultMode)) errs.push(invalid(p.child('secret', 'defaultMode'), v.secret.defaultMode, modeMsg));
  }
  if (v.configMap) {
    if (!v.configMap.name) errs.push(required(p.child('configMap', 'name'), ''));
    if (!validMode(v.configMap.defaultMode)) errs.push(invalid(p.child('configMap', 'defaultMode'), v.configMap.defaultMode, modeMsg));
  }
  if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) errs.push(required(p.child('persistentVolumeClaim', 'claimName'), ''));
  if (v.nfs) {
    if (!v.nfs.server) errs.push(required(p.child('nfs', 'server'), ''));
    if (!v.nfs.path) errs.push(required(p.child('nfs', 'path'), ''));
    else if (!v.nfs.path.startsWith('/')) errs.push(invalid(p.child('nfs', 'path'), v.nfs.path, 'must be an absolute path'));
  }
  return errs;
}

function validateVolumes(volumes: Volume[] | undefined, fldPath: Path): { errs: ErrorList; names: Set<string> } {
  const errs: ErrorList = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((v, i) => {
    const p = fldPath.index(i);
    if (!v.name) errs.push(required(p.child('name'), ''));
    else {
      isDNS1123Label(v.name).forEach((m) => errs.push(invalid(p.child('name'), v.name, m)));
      if (names.has(v.name)) errs.push(duplicate(p.child('name'), v.name));
      else names.add(v.name);
    }
    errs.push(...validateVolumeSource(v, p));
  });
  return { errs, names };
}

function validateTolerations(tolerations: Toleration[] | undefined, fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = fldPath.index(i);
    if (t.key) errs.push(...validateLabels({ [t.key]: '' }, p.child('key')));
    if (!t.key && t.operator !== 'Exists')
      errs.push(invalid(p.child('operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      errs.push(invalid(p.child('effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (t.operator === 'Exists' && t.value) errs.push(invalid(p.child('operator'), t, "value must be empty when `operator` is 'Exists'"));
    else if (t.operator && t.operator !== 'Equal' && t.operator !== 'Exists') errs.push(notSupported(p.child('operator'), t.operator, ['Equal', 'Exists']));
    if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect))
      errs.push(notSupported(p.child('effect'), t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
  });
  return errs;
}

const restartPolicies = ['Always', 'OnFailure', 'Never'];
const dnsPolicies = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];

/** validatePodSpec mirrors ValidatePodSpec. */
export function validatePodSpec(spec: PodSpec | undefined, fldPath: Path): ErrorList {
  if (!spec) return [required(fldPath.child('containers'), '')];
  const { errs, names: volumes } = validateVolumes(spec.volumes, fldPath.child('volumes'));
  const containerNames = new Set<string>();
  errs.push(...validateContainers(spec.initContainers, volumes, containerNames, fldPath.child('initContainers'), true));
  errs.push(...validateContainers(spec.containers, volumes, containerNames, fldPath.child('containers'), false));
  if (!spec.restartPolicy) errs.push(required(fldPath.child('restartPolicy'), ''));
  else if (!restartPolicies.includes(spec.restartPolicy)) errs.push(notSupported(fldPath.child('restartPolicy'), spec.restartPolicy, restartPolicies));
  if (!spec.dnsPolicy) errs.push(required(fldPath.child('dnsPolicy'), ''));
  else if (!dnsPolicies.includes(spec.dnsPolicy)) errs.push(notSupported(fldPath.child('dnsPolicy'), spec.dnsPolicy, dnsPolicies));
  errs.push(...validateLabels(spec.nodeSelector, fldPath.child('nodeSelector')));
  if (spec.serviceAccountName)
    nameIsDNSSubdomain(spec.serviceAccountName, false).forEach((m) => errs.push(invalid(fldPath.child('serviceAccountName'), spec.serviceAccountName, m)));
  if (spec.nodeName) isDNS1123Subdomain(spec.nodeName).forEach((m) => errs.push(invalid(fldPath.child('nodeName'), spec.nodeName, m)));
  if (spec.activeDeadlineSeconds !== undefined && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > 2147483647))
    errs.push(invalid(fldPath.child('activeDeadlineSeconds'), spec.activeDeadlineSeconds, inclusiveRangeError(1, 2147483647)));
  if (spec.hostname) isDNS1123Label(spec.hostname).forEach((m) => errs.push(invalid(fldPath.child('hostname'), spec.hostname, m)));
  if (spec.subdomain) isDNS1123Label(spec.subdomain).forEach((m) => errs.push(invalid(fldPath.child('subdomain'), spec.subdomain, m)));
  errs.push(...validateTolerations(spec.tolerations, fldPath.child('tolerations')));
  return errs;
}

/** validatePodTemplateSpec mirrors ValidatePodTemplateSpec (labels, annotations, spec). */
export function validatePodTemplateSpec(t: PodTemplateSpec, fldPath: Path): ErrorList {
  return [
    ...validateLabels(t.metadata?.labels, fldPath.child('metadata', 'labels')),
    ...validateAnnotations(t.metadata?.annotations, fldPath.child('metadata', 'annotations')),
    ...validatePodSpec(t.spec, fldPath.child('spec')),
  ];
}

/** validatePod mirrors ValidatePodCreate. */
export function validatePod(pod: Pod): ErrorList {
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain, P.root('metadata'));
  errs.push(...validatePodSpec(pod.spec, P.root('spec')));
  (pod.spec?.containers ?? []).forEach((c, i) => {
    if (c.image && c.image.trim() !== c.image)
      errs.push(invalid(P.root('spec', 'containers').index(i).child('image'), c.image, 'must not have leading or trailing whitespace'));
  });
  return errs;
}

export const podUpdateForbiddenMessage =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** specDiff prints the changed paths, a short stand-in for upstream's cmp.Diff. */
function specDiff(a: unknown, b: unknown, path: string, out: string[]): void {
  if (semanticDeepEqual(a, b)) return;
  const isObj = (v: unknown) => typeof v === 'object' && v !== null;
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of keys) specDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`, out);
    return;
  }
  out.push(`- ${path}: ${JSON.stringify(a)}`, `+ ${path}: ${JSON.stringify(b)}`);
}

/** validatePodUpdate mirrors ValidatePodUpdate: only images, activeDeadlineSeconds and added tolerations may change. */
export function validatePodUpdate(pod: Pod, old: Pod): ErrorList {
  const specPath = P.root('spec');
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, P.root('metadata'));
  errs.push(...validatePodSpec(pod.spec, specPath));
  const spec = pod.spec ?? ({ containers: [] } as PodSpec);
  const oldSpec = old.spec ?? ({ containers: [] } as PodSpec);
  if ((spec.containers ?? []).length !== (oldSpec.containers ?? []).length) {
    errs.push(forbidden(specPath.child('containers'), 'pod updates may not add or remove containers'));
    return errs;
  }
  if (oldSpec.activeDeadlineSeconds !== undefined) {
    if (spec.activeDeadlineSeconds === undefined)
      errs.push(invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
    else if (spec.activeDeadlineSeconds > oldSpec.activeDeadlineSeconds)
      errs.push(invalid(specPath.child('activeDeadlineSeconds'), spec.activeDeadlineSeconds, 'must be less than or equal to previous value'));
  }
  // Munge the mutable fields into the new spec, then any remaining difference is forbidden.
  const munged: PodSpec = structuredClone(spec);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: oldSpec.containers[i]?.image }) as Container);
  if (munged.initContainers)
    munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: oldSpec.initContainers?.[i]?.image }) as Container);
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  const oldTolerations = oldSpec.tolerations ?? [];
  const kept = (spec.tolerations ?? []).slice(0, oldTolerations.length);
  if (semanticDeepEqual(kept, oldTolerations)) munged.tolerations = oldSpec.tolerations;
  if ((oldSpec.terminationGracePeriodSeconds ?? 0) < 0 && spec.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  for (const k of Object.keys(munged) as (keyof PodSpec)[]) if (munged[k] === undefined) delete munged[k];
  if (!semanticDeepEqual(munged, oldSpec)) {
    const diff: string[] = [];
    specDiff(oldSpec, munged, 'spec', diff);
    errs.push(forbidden(specPath, `${podUpdateForbiddenMessage}\n${diff.join('\n')}`));
  }
  return errs;
}
