// Mirrors the service part of pkg/apis/core/validation/validation.go: ValidateService and
// ValidateServiceUpdate. Dual-stack IP family rules and load-balancer source ranges are simplified;
// node-port ranges are the allocator's job.
import { nameIsDNS1035Label } from '../../../apimachinery/api/validation/generic.js';
import { validateLabels, validateObjectMetaUpdate } from '../../../apimachinery/api/validation/objectmeta.js';
import {
  Path, duplicate, forbidden, invalid, notSupported, required, type ErrorList,
} from '../../../apimachinery/util/validation/field/errors.js';
import { isDNS1123Label, isDNS1123Subdomain, isValidIP, isValidPortNum } from '../../../apimachinery/util/validation/validation.js';
import type { Service, ServicePort } from '../../core/v1/types.js';
import { validateObjectMeta, validatePortNumOrName, validateProtocol } from './common.js';

const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
export const MaxClientIPServiceAffinitySeconds = 86400;

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, p: Path): ErrorList {
  const errs: ErrorList = [];
  if (requireName && !sp.name) errs.push(required(p.child('name'), ''));
  else if (sp.name) {
    isDNS1123Label(sp.name).forEach((m) => errs.push(invalid(p.child('name'), sp.name, m)));
    if (names.has(sp.name)) errs.push(duplicate(p.child('name'), sp.name));
    else names.add(sp.name);
  }
  isValidPortNum(sp.port).forEach((m) => errs.push(invalid(p.child('port'), sp.port, m)));
  errs.push(...validateProtocol(sp.protocol, p.child('protocol')));
  if (sp.targetPort !== undefined) errs.push(...validatePortNumOrName(sp.targetPort, p.child('targetPort')));
  return errs;
}

/** validateService mirrors ValidateService. */
export function validateService(svc: Service): ErrorList {
  return [...validateObjectMeta(svc.metadata, true, nameIsDNS1035Label, Path.root('metadata')), ...validateServiceFields(svc)];
}

/** validateServiceFields mirrors validateServiceFields: everything but metadata. */
function validateServiceFields(svc: Service): ErrorList {
  const errs: ErrorList = [];
  const specPath = Path.root('spec');
  const spec = svc.spec ?? {};
  const headless = spec.clusterIP === 'None';
  const ports = spec.ports ?? [];
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required(specPath.child('ports'), ''));
  if (!spec.type) errs.push(required(specPath.child('type'), ''));
  else if (!serviceTypes.includes(spec.type)) errs.push(notSupported(specPath.child('type'), spec.type, serviceTypes));

  if (spec.type === 'ExternalName') {
    if (spec.clusterIP) errs.push(forbidden(specPath.child('clusterIPs'), 'may not be set for ExternalName services'));
    const name = (spec.externalName ?? '').replace(/\.$/, '');
    if (!name) errs.push(required(specPath.child('externalName'), ''));
    else isDNS1123Subdomain(name).forEach((m) => errs.push(invalid(specPath.child('externalName'), spec.externalName, m)));
  } else if (spec.clusterIP && !headless) {
    isValidIP(spec.clusterIP).forEach((m) => errs.push(invalid(specPath.child('clusterIPs').index(0), spec.clusterIP, m)));
  }

  const names = new Set<string>();
  ports.forEach((sp, i) => errs.push(...validateServicePort(sp, ports.length > 1, names, specPath.child('ports').index(i))));

  if (!spec.sessionAffinity) errs.push(required(specPath.child('sessionAffinity'), ''));
  else if (spec.sessionAffinity !== 'ClientIP' && spec.sessionAffinity !== 'None')
    errs.push(notSupported(specPath.child('sessionAffinity'), spec.sessionAffinity, ['ClientIP', 'None']));
  if (spec.sessionAffinity === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    const p = specPath.child('sessionAffinityConfig', 'clientIP', 'timeoutSeconds');
    if (t === undefined) errs.push(required(p, 'when session affinity type is ClientIP'));
    else if (t <= 0 || t > MaxClientIPServiceAffinitySeconds)
      errs.push(invalid(p, t, `must be greater than 0 and less than ${MaxClientIPServiceAffinitySeconds}`));
  } else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig) {
    errs.push(invalid(specPath.child('sessionAffinityConfig'), spec.sessionAffinityConfig, 'must not be set when session affinity is None'));
  }

  if (spec.type === 'ClusterIP')
    ports.forEach((sp, i) => {
      if (sp.nodePort) errs.push(forbidden(specPath.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  const nodePorts = new Set<string>();
  ports.forEach((sp, i) => {
    if (!sp.nodePort) return;
    const key = `${sp.protocol}/${sp.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(specPath.child('ports').index(i).child('nodePort'), sp.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((sp, i) => {
    const key = `${sp.protocol}/${sp.port}`;
    // Upstream prints the Go struct core.ServicePort{…, Protocol, Port, …}; the key fields are kept here.
    if (seen.has(key)) errs.push(duplicate(specPath.child('ports').index(i), { protocol: sp.protocol, port: sp.port }));
    seen.add(key);
  });

  errs.push(...validateLabels(spec.selector, specPath.child('selector')));

  const external = spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);
  if (!external && spec.externalTrafficPolicy)
    errs.push(invalid(specPath.child('externalTrafficPolicy'), spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  if (external) {
    if (!spec.externalTrafficPolicy) errs.push(required(specPath.child('externalTrafficPolicy'), ''));
    else if (spec.externalTrafficPolicy !== 'Cluster' && spec.externalTrafficPolicy !== 'Local')
      errs.push(notSupported(specPath.child('externalTrafficPolicy'), spec.externalTrafficPolicy, ['Cluster', 'Local']));
  }
  if (spec.internalTrafficPolicy && spec.internalTrafficPolicy !== 'Cluster' && spec.internalTrafficPolicy !== 'Local')
    errs.push(notSupported(specPath.child('internalTrafficPolicy'), spec.internalTrafficPolicy, ['Cluster', 'Local']));
  (spec.externalIPs ?? []).forEach((ip, i) =>
    isValidIP(ip).forEach((m) => errs.push(invalid(specPath.child('externalIPs').index(i), ip, m))),
  );
  return errs;
}

/**
 * validateServiceUpdate mirrors ValidateServiceUpdate: a set cluster IP may not change unless the
 * service moves to or from ExternalName. The registry copies the allocated IP into updates that omit it.
 */
export function validateServiceUpdate(svc: Service, old: Service): ErrorList {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata, Path.root('metadata'));
  const oldIP = old.spec?.clusterIP ?? '';
  const newIP = svc.spec?.clusterIP ?? '';
  const toOrFromExternalName = svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName';
  if (oldIP && !toOrFromExternalName && newIP !== oldIP)
    errs.push(invalid(Path.root('spec', 'clusterIPs').index(0), svc.spec?.clusterIPs ?? [newIP], 'may not change once set'));
  errs.push(...validateServiceFields(svc));
  return errs;
}
