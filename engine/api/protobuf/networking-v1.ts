// Mirrors k8s.io/api/networking/v1/generated.proto at v1.32, joined with the Go structs' json tags: field number → JSON name, type, flags.
// Derived mechanically from those two sources: follow upstream rather than editing by hand.
import { REP, KEEP, INLINE, type MessageTable } from '../../apimachinery/runtime/serializer/protobuf/schema.js';
const core = 'k8s.io.api.core.v1.';
const intstr = 'k8s.io.apimachinery.pkg.util.intstr.';
const meta = 'k8s.io.apimachinery.pkg.apis.meta.v1.';
const networking = 'k8s.io.api.networking.v1.';

export const networkingV1: MessageTable = {
  [networking + 'HTTPIngressPath']: [[1, 'path', 's'], [2, 'backend', networking + 'IngressBackend'], [3, 'pathType', 's', KEEP]],
  [networking + 'HTTPIngressRuleValue']: [[1, 'paths', networking + 'HTTPIngressPath', REP]],
  [networking + 'IPBlock']: [[1, 'cidr', 's', KEEP], [2, 'except', 's', REP]],
  [networking + 'Ingress']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', networking + 'IngressSpec'], [3, 'status', networking + 'IngressStatus']],
  [networking + 'IngressBackend']: [[3, 'resource', core + 'TypedLocalObjectReference'], [4, 'service', networking + 'IngressServiceBackend']],
  [networking + 'IngressClass']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', networking + 'IngressClassSpec']],
  [networking + 'IngressClassList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', networking + 'IngressClass', REP]],
  [networking + 'IngressClassParametersReference']: [[1, 'apiGroup', 's', KEEP], [2, 'kind', 's', KEEP], [3, 'name', 's', KEEP], [4, 'scope', 's', KEEP], [5, 'namespace', 's', KEEP]],
  [networking + 'IngressClassSpec']: [[1, 'controller', 's'], [2, 'parameters', networking + 'IngressClassParametersReference']],
  [networking + 'IngressList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', networking + 'Ingress', REP]],
  [networking + 'IngressLoadBalancerIngress']: [[1, 'ip', 's'], [2, 'hostname', 's'], [4, 'ports', networking + 'IngressPortStatus', REP]],
  [networking + 'IngressLoadBalancerStatus']: [[1, 'ingress', networking + 'IngressLoadBalancerIngress', REP]],
  [networking + 'IngressPortStatus']: [[1, 'port', 'i32', KEEP], [2, 'protocol', 's', KEEP], [3, 'error', 's', KEEP]],
  [networking + 'IngressRule']: [[1, 'host', 's'], [2, '', networking + 'IngressRuleValue', INLINE]],
  [networking + 'IngressRuleValue']: [[1, 'http', networking + 'HTTPIngressRuleValue']],
  [networking + 'IngressServiceBackend']: [[1, 'name', 's', KEEP], [2, 'port', networking + 'ServiceBackendPort']],
  [networking + 'IngressSpec']: [[1, 'defaultBackend', networking + 'IngressBackend'], [2, 'tls', networking + 'IngressTLS', REP], [3, 'rules', networking + 'IngressRule', REP], [4, 'ingressClassName', 's', KEEP]],
  [networking + 'IngressStatus']: [[1, 'loadBalancer', networking + 'IngressLoadBalancerStatus']],
  [networking + 'IngressTLS']: [[1, 'hosts', 's', REP], [2, 'secretName', 's']],
  [networking + 'NetworkPolicy']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', networking + 'NetworkPolicySpec']],
  [networking + 'NetworkPolicyEgressRule']: [[1, 'ports', networking + 'NetworkPolicyPort', REP], [2, 'to', networking + 'NetworkPolicyPeer', REP]],
  [networking + 'NetworkPolicyIngressRule']: [[1, 'ports', networking + 'NetworkPolicyPort', REP], [2, 'from', networking + 'NetworkPolicyPeer', REP]],
  [networking + 'NetworkPolicyList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', networking + 'NetworkPolicy', REP]],
  [networking + 'NetworkPolicyPeer']: [[1, 'podSelector', meta + 'LabelSelector'], [2, 'namespaceSelector', meta + 'LabelSelector'], [3, 'ipBlock', networking + 'IPBlock']],
  [networking + 'NetworkPolicyPort']: [[1, 'protocol', 's', KEEP], [2, 'port', intstr + 'IntOrString'], [3, 'endPort', 'i32', KEEP]],
  [networking + 'NetworkPolicySpec']: [[1, 'podSelector', meta + 'LabelSelector'], [2, 'ingress', networking + 'NetworkPolicyIngressRule', REP], [3, 'egress', networking + 'NetworkPolicyEgressRule', REP], [4, 'policyTypes', 's', REP]],
  [networking + 'ServiceBackendPort']: [[1, 'name', 's'], [2, 'number', 'i32']],
};
