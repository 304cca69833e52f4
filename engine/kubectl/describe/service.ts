// Mirrors the ServiceDescriber, EndpointsDescriber, NodeDescriber and NamespaceDescriber of
// k8s.io/kubectl/pkg/describe/describe.go.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { PrefixWriter, describeEvents, printAnnotations, printMap, rfc1123Z, selectorString, type Any } from './describe.js';

function endpointsFor(ep: Any | undefined, port: Any): string {
  const out: string[] = [];
  for (const subset of ep?.subsets ?? []) {
    const p = (subset.ports ?? []).find((x: Any) => !port.name || x.name === port.name);
    if (!p) continue;
    for (const a of subset.addresses ?? []) out.push(`${a.ip}:${p.port}`);
  }
  if (!out.length) return '';
  return out.length > 3 ? `${out.slice(0, 3).join(',')} + ${out.length - 3} more...` : out.join(',');
}

export function describeService(svc: KubeObject & Any, endpoints: Any | undefined, events: Any[], now: number): string {
  const w = new PrefixWriter();
  const spec: Any = svc.spec ?? {};
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace}\n`);
  printMap(w, 0, 'Labels', svc.metadata.labels);
  printAnnotations(w, 0, svc.metadata.annotations);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  const type = spec.type ?? 'ClusterIP';
  w.write(0, `Type:\t${type}\n`);
  w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy ?? 'SingleStack'}\n`);
  w.write(0, `IP Families:\t${(spec.ipFamilies ?? ['IPv4']).join(',')}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${(spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])).join(',') || '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${endpointsFor(endpoints, p)}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (type === 'NodePort' || type === 'LoadBalancer') w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy ?? 'Cluster'}\n`);
  w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy ?? 'Cluster'}\n`);
  describeEvents(w, events, now);
  return w.done();
}

export function describeNode(node: KubeObject & Any, pods: Any[], events: Any[], now: number): string {
  const w = new PrefixWriter();
  const st: Any = node.status ?? {};
  w.write(0, `Name:\t${node.metadata.name}\n`);
  const roles = Object.keys(node.metadata.labels ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice(24));
  w.write(0, `Roles:\t${roles.length ? roles.sort().join(',') : '<none>'}\n`);
  printMap(w, 0, 'Labels', node.metadata.labels);
  printAnnotations(w, 0, node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123Z(node.metadata.creationTimestamp ?? undefined)}\n`);
  const taints: Any[] = node.spec?.taints ?? [];
  w.write(0, `Taints:\t${taints.length ? taints.map((t) => `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`).join('\n\t') : '<none>'}\n`);
  w.write(0, `Unschedulable:\t${!!node.spec?.unschedulable}\n`);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions)
      w.write(1, `${c.type} \t${c.status} \t${rfc1123Z(c.lastHeartbeatTime)} \t${rfc1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, m] of [['Capacity', st.capacity], ['Allocatable', st.allocatable]] as const) {
    if (!m) continue;
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(m).sort()) w.write(1, `${k}:\t${m[k]}\n`);
  }
  const info: Any = st.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  for (const [label, key] of [['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'], ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'], ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion']])
    w.write(1, `${label}:\t${info[key!] ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  const active = pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  w.write(0, `Non-terminated Pods:\t(${active.length} in total)\n`);
  w.write(1, 'Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t------------\t----------\t---------------\t-------------\t---\n');
  for (const p of active) w.write(1, `${p.metadata.namespace}\t${p.metadata.name}\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t${p.metadata.creationTimestamp ? '' : ''}\n`);
  describeEvents(w, events, now);
  return w.done();
}

export function describeNamespace(ns: KubeObject & Any, events: Any[], now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  printMap(w, 0, 'Labels', ns.metadata.labels);
  printAnnotations(w, 0, ns.metadata.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? 'Active'}\n`);
  w.write(0, '\nNo resource quota.\n\nNo LimitRange resource.\n');
  void events;
  void now;
  return w.done();
}

export function describeConfigMap(cm: KubeObject & Any, events: Any[], now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${cm.metadata.name}\n`);
  w.write(0, `Namespace:\t${cm.metadata.namespace}\n`);
  printMap(w, 0, 'Labels', cm.metadata.labels);
  printAnnotations(w, 0, cm.metadata.annotations);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort()) w.write(0, `${k}:\n----\n${cm.data[k]}\n\n`);
  w.write(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(0, `${k}: ${atob(cm.binaryData[k]).length} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, events, now);
  return w.done();
}

export function describeSecret(s: KubeObject & Any): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${s.metadata.name}\n`);
  w.write(0, `Namespace:\t${s.metadata.namespace}\n`);
  printMap(w, 0, 'Labels', s.metadata.labels);
  printAnnotations(w, 0, s.metadata.annotations);
  w.write(0, `\nType:\t${s.type ?? 'Opaque'}\n`);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(s.data ?? {}).sort()) w.write(0, `${k}:\t${atob(s.data[k]).length} bytes\n`);
  return w.done();
}
