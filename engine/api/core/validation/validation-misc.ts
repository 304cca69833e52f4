// Mirrors the remaining kinds of pkg/apis/core/validation/validation.go: Namespace, Node, Binding,
// Endpoints, ReplicationController, Secret, ConfigMap, ServiceAccount, Event, ResourceQuota,
// LimitRange, PersistentVolume(Claim). Each checks what users commonly get wrong, not every rule.
import { nameIsDNSLabel, nameIsDNSSubdomain } from '../../../apimachinery/api/validation/generic.js';
import { validateImmutableField, validateObjectMetaUpdate } from '../../../apimachinery/api/validation/objectmeta.js';
import { semanticDeepEqual } from '../../../apimachinery/api/equality/semantic.js';
import {
  Path, duplicate, forbidden, invalid, notSupported, required, tooLong, type ErrorList,
} from '../../../apimachinery/util/validation/field/errors.js';
import { isConfigMapKey, isDNS1123Label, isQualifiedName, isValidCIDR, isValidIP, isValidPortNum } from '../../../apimachinery/util/validation/validation.js';
import type {
  Binding, ConfigMap, Endpoints, Event, LimitRange, Namespace, Node, PersistentVolume, PersistentVolumeClaim,
  ReplicationController, ResourceQuota, Secret, ServiceAccount,
} from '../../core/v1/types.js';
import { validateFinalizerName, validateNonnegativeQuantity, validateObjectMeta, validateProtocol } from './common.js';
import { validatePodTemplateSpec } from './validation-pod.js';
import { selectorFromSet } from '../../../apimachinery/labels/selector.js';

const meta = Path.root('metadata');
const nonneg = (v: number | undefined, p: Path): ErrorList => (v !== undefined && v < 0 ? [invalid(p, v, 'must be greater than or equal to 0')] : []);

export function validateNamespace(ns: Namespace): ErrorList {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel, meta);
  (ns.spec?.finalizers ?? []).forEach((f) => errs.push(...validateFinalizerName(f, Path.root('spec', 'finalizers'))));
  return errs;
}

/** validateNamespaceFinalizeUpdate mirrors ValidateNamespaceFinalizeUpdate: metadata update rules and each spec finalizer's name. */
export function validateNamespaceFinalizeUpdate(ns: Namespace, old: Namespace): ErrorList {
  const errs = validateObjectMetaUpdate(ns.metadata, old.metadata, meta);
  (ns.spec?.finalizers ?? []).forEach((f, i) => errs.push(...validateFinalizerName(f, Path.root('spec', 'finalizers').index(i))));
  return errs;
}

export function validateNode(node: Node): ErrorList {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain, meta);
  const spec = Path.root('spec');
  if (node.spec?.podCIDR) isValidCIDR(node.spec.podCIDR).forEach((m) => errs.push(invalid(spec.child('podCIDR'), node.spec!.podCIDR, m)));
  const seen = new Set<string>();
  (node.spec?.taints ?? []).forEach((t, i) => {
    const p = spec.child('taints').index(i);
    isQualifiedName(t.key ?? '').forEach((m) => errs.push(invalid(p.child('key'), t.key, m)));
    if (!t.effect) errs.push(required(p.child('effect'), ''));
    else if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect))
      errs.push(notSupported(p.child('effect'), t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    const key = `${t.key}:${t.effect}`;
    if (seen.has(key)) errs.push(duplicate(p, t));
    seen.add(key);
  });
  return errs;
}

/** validatePodBinding mirrors ValidatePodBinding. */
export function validateBinding(b: Binding): ErrorList {
  const errs: ErrorList = [];
  if (b.target?.kind && b.target.kind !== 'Node') errs.push(notSupported(Path.root('target', 'kind'), b.target.kind, ['Node', '<empty>']));
  if (!b.target?.name) errs.push(required(Path.root('target', 'name'), ''));
  return errs;
}

export function validateEndpoints(ep: Endpoints): ErrorList {
  const errs = validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain, meta);
  (ep.subsets ?? []).forEach((ss, i) => {
    const p = Path.root('subsets').index(i);
    if (!ss.addresses?.length && !ss.notReadyAddresses?.length)
      errs.push(required(p, 'must specify `addresses` or `notReadyAddresses`'));
    for (const field of ['addresses', 'notReadyAddresses'] as const)
      (ss[field] ?? []).forEach((a, j) => isValidIP(a.ip ?? '').forEach((m) => errs.push(invalid(p.child(field).index(j).child('ip'), a.ip, m))));
    (ss.ports ?? []).forEach((port, j) => {
      const pp = p.child('ports').index(j);
      if ((ss.ports?.length ?? 0) > 1 && !port.name) errs.push(required(pp.child('name'), ''));
      else if (port.name) isDNS1123Label(port.name).forEach((m) => errs.push(invalid(pp.child('name'), port.name, m)));
      isValidPortNum(port.port).forEach((m) => errs.push(invalid(pp.child('port'), port.port, m)));
      errs.push(...validateProtocol(port.protocol, pp.child('protocol')));
    });
  });
  return errs;
}

/** validateReplicationController mirrors ValidateReplicationController and ValidatePodTemplateSpecForRC. */
export function validateReplicationController(rc: ReplicationController): ErrorList {
  const errs = validateObjectMeta(rc.metadata, true, nameIsDNSSubdomain, meta);
  const spec = rc.spec ?? {};
  const p = Path.root('spec');
  errs.push(...nonneg(spec.minReadySeconds, p.child('minReadySeconds')));
  if (!spec.selector || Object.keys(spec.selector).length === 0) errs.push(required(p.child('selector'), ''));
  errs.push(...nonneg(spec.replicas, p.child('replicas')));
  const tp = p.child('template');
  if (!spec.template) {
    errs.push(required(tp, ''));
    return errs;
  }
  if (spec.selector && Object.keys(spec.selector).length && !selectorFromSet(spec.selector).matches(spec.template.metadata?.labels))
    errs.push(invalid(tp.child('metadata', 'labels'), spec.template.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
  errs.push(...validatePodTemplateSpec(spec.template, tp));
  const rp = spec.template.spec?.restartPolicy;
  if (rp && rp !== 'Always') errs.push(notSupported(tp.child('spec', 'restartPolicy'), rp, ['Always']));
  if (spec.template.spec?.activeDeadlineSeconds !== undefined)
    errs.push(forbidden(tp.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicationController is not Supported'));
  return errs;
}

export const MaxSecretSize = 1 * 1024 * 1024;

/** base64Length is the decoded size of a base64 string. */
function base64Length(s: string): number {
  const clean = s.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

export function validateSecret(secret: Secret): ErrorList {
  const errs = validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain, meta);
  const dataPath = Path.root('data');
  let total = 0;
  // stringData is merged into data by the v1 conversion, so its keys count as data keys.
  const sizes = new Map<string, number>();
  for (const [k, v] of Object.entries(secret.data ?? {})) sizes.set(k, base64Length(String(v ?? '')));
  for (const [k, v] of Object.entries(secret.stringData ?? {})) sizes.set(k, new TextEncoder().encode(String(v)).length);
  for (const [k, n] of sizes) {
    isConfigMapKey(k).forEach((m) => errs.push(invalid(dataPath.key(k), k, m)));
    total += n;
  }
  const data = Object.fromEntries(sizes);
  if (total > MaxSecretSize) errs.push(tooLong(dataPath, '', MaxSecretSize));
  switch (secret.type) {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata.annotations?.['kubernetes.io/service-account.name'])
        errs.push(required(Path.root('metadata', 'annotations').key('kubernetes.io/service-account.name'), ''));
      break;
    case 'kubernetes.io/tls':
      if (!('tls.crt' in data)) errs.push(required(dataPath.key('tls.crt'), ''));
      if (!('tls.key' in data)) errs.push(required(dataPath.key('tls.key'), ''));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!('.dockerconfigjson' in data)) errs.push(required(dataPath.key('.dockerconfigjson'), ''));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!('ssh-privatekey' in data)) errs.push(required(dataPath.key('ssh-privatekey'), ''));
      break;
  }
  return errs;
}

/** validateImmutableData mirrors the `immutable` rule shared by secrets and config maps. */
function validateImmutableData(obj: { immutable?: boolean; data?: unknown; binaryData?: unknown }, old: typeof obj): ErrorList {
  const errs: ErrorList = [];
  if (!old.immutable) return errs;
  if (!obj.immutable) errs.push(forbidden(Path.root('immutable'), 'field is immutable when `immutable` is set'));
  if (!semanticDeepEqual(obj.data, old.data)) errs.push(forbidden(Path.root('data'), 'field is immutable when `immutable` is set'));
  if ('binaryData' in old || 'binaryData' in obj)
    if (!semanticDeepEqual(obj.binaryData, old.binaryData)) errs.push(forbidden(Path.root('binaryData'), 'field is immutable when `immutable` is set'));
  return errs;
}

export function validateSecretUpdate(secret: Secret, old: Secret): ErrorList {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata, meta);
  errs.push(...validateImmutableField(secret.type ?? '', old.type ?? '', Path.root('type')));
  errs.push(...validateImmutableData(secret, old));
  errs.push(...validateSecret(secret).filter((e) => !e.field.startsWith('metadata')));
  return errs;
}

export function validateConfigMap(cm: ConfigMap): ErrorList {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain, meta);
  let total = 0;
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    isConfigMapKey(k).forEach((m) => errs.push(invalid(Path.root('data').key(k), k, m)));
    total += new TextEncoder().encode(String(v)).length;
  }
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) {
    isConfigMapKey(k).forEach((m) => errs.push(invalid(Path.root('binaryData').key(k), k, m)));
    if (cm.data && k in cm.data) errs.push(invalid(Path.root('binaryData').key(k), k, 'duplicate of key present in data'));
    total += base64Length(String(v));
  }
  if (total > MaxSecretSize) errs.push(tooLong(Path.root(''), '', MaxSecretSize));
  return errs;
}

export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): ErrorList {
  const errs = validateObjectMetaUpdate(cm.metadata, old.metadata, meta);
  errs.push(...validateImmutableData(cm, old));
  errs.push(...validateConfigMap(cm).filter((e) => !e.field.startsWith('metadata')));
  return errs;
}

export function validateServiceAccount(sa: ServiceAccount): ErrorList {
  return validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain, meta);
}

export function validateEvent(ev: Event): ErrorList {
  const errs = validateObjectMeta(ev.metadata, true, nameIsDNSSubdomain, meta);
  const ns = ev.involvedObject?.namespace;
  if (ns && ev.metadata.namespace && ns !== ev.metadata.namespace)
    errs.push(invalid(Path.root('involvedObject', 'namespace'), ns, 'does not match event.namespace'));
  return errs;
}

export function validateResourceQuota(rq: ResourceQuota): ErrorList {
  const errs = validateObjectMeta(rq.metadata, true, nameIsDNSSubdomain, meta);
  for (const [k, v] of Object.entries(rq.spec?.hard ?? {})) errs.push(...validateNonnegativeQuantity(v, Path.root('spec', 'hard').key(k)));
  return errs;
}

const limitTypes = ['Container', 'PersistentVolumeClaim', 'Pod'];

export function validateLimitRange(lr: LimitRange): ErrorList {
  const errs = validateObjectMeta(lr.metadata, true, nameIsDNSSubdomain, meta);
  const seen = new Set<string>();
  (lr.spec?.limits ?? []).forEach((item, i) => {
    const p = Path.root('spec', 'limits').index(i);
    if (!limitTypes.includes(item.type)) errs.push(notSupported(p.child('type'), item.type, limitTypes));
    if (seen.has(item.type)) errs.push(duplicate(p.child('type'), item.type));
    seen.add(item.type);
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const)
      for (const [k, v] of Object.entries(item[f] ?? {})) errs.push(...validateNonnegativeQuantity(v, p.child(f).key(k)));
  });
  return errs;
}

const accessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

function validateAccessModes(modes: string[] | undefined, p: Path): ErrorList {
  if (!modes?.length) return [required(p, 'at least 1 access mode is required')];
  return modes.filter((m) => !accessModes.includes(m)).map((m) => notSupported(p, m, accessModes));
}

export function validatePersistentVolume(pv: PersistentVolume): ErrorList {
  const errs = validateObjectMeta(pv.metadata, false, nameIsDNSSubdomain, meta);
  const p = Path.root('spec');
  const spec = pv.spec ?? {};
  errs.push(...validateAccessModes(spec.accessModes, p.child('accessModes')));
  if (!spec.capacity?.storage) errs.push(required(p.child('capacity'), ''));
  else errs.push(...validateNonnegativeQuantity(spec.capacity.storage, p.child('capacity').key('storage')));
  const sources = (['hostPath', 'nfs', 'local'] as const).filter((k) => spec[k]);
  if (sources.length === 0) errs.push(required(p, 'must specify a volume type'));
  for (const k of sources.slice(1)) errs.push(forbidden(p.child(k), 'may not specify more than 1 volume type'));
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy && !['Delete', 'Recycle', 'Retain'].includes(policy))
    errs.push(notSupported(p.child('persistentVolumeReclaimPolicy'), policy, ['Delete', 'Recycle', 'Retain']));
  return errs;
}

function validatePVCSpec(pvc: PersistentVolumeClaim): ErrorList {
  const p = Path.root('spec');
  const errs = validateAccessModes(pvc.spec?.accessModes, p.child('accessModes'));
  const storage = pvc.spec?.resources?.requests?.storage;
  if (storage === undefined) errs.push(required(p.child('resources').key('storage'), ''));
  else errs.push(...validateNonnegativeQuantity(storage, p.child('resources').key('storage')));
  return errs;
}

export function validatePersistentVolumeClaim(pvc: PersistentVolumeClaim): ErrorList {
  return [...validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain, meta), ...validatePVCSpec(pvc)];
}

export function validatePersistentVolumeClaimUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim): ErrorList {
  const errs = validateObjectMetaUpdate(pvc.metadata, old.metadata, meta);
  errs.push(...validatePVCSpec(pvc));
  // Binding fills volumeName once; requests may grow. Everything else is fixed.
  const strip = (c: PersistentVolumeClaim) => ({ ...c.spec, resources: undefined, volumeName: undefined });
  if (!semanticDeepEqual(strip(pvc), strip(old)) || (old.spec?.volumeName && pvc.spec?.volumeName !== old.spec.volumeName))
    errs.push(forbidden(Path.root('spec'), 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  return errs;
}
