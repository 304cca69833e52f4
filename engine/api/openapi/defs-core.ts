// Mirrors the non-Pod part of k8s.io/api/core/v1's generated OpenAPI definitions. Field sets
// match engine/api/core/v1/types.ts.
import {
  CORE,
  INT_OR_STRING,
  META,
  T,
  bool,
  int32,
  listDef,
  listOf,
  mapOf,
  ref,
  refP,
  str,
  strList,
  strMap,
  struct,
  type TypeDef,
  resourceListField,
  timeField,
  topLevel,
} from './builder.js';

const c = (n: string) => CORE + n;
const top = (kind: string, description: string, fields: Parameters<typeof struct>[2]) => topLevel(CORE, '', kind, description, fields);
const condition = (name: string, what: string) =>
  struct(c(name), `A condition of a ${what}.`, {
    type: str('Type of the condition.', { required: true }),
    status: str('True, False or Unknown.', { required: true }),
    lastTransitionTime: timeField('Last time the status changed.'),
    reason: str('CamelCase reason of the last transition.'),
    message: str('Human-readable details.'),
  });
const conditionsField = (name: string) =>
  listOf(T.ref(c(name)), 'Latest observations of the current state.', { strategy: 'merge', mergeKey: 'type' });

export const coreDefs: TypeDef[] = [
  top('Namespace', 'A scope for names; most objects live in one.', {
    spec: ref(c('NamespaceSpec'), 'Finalizers of the namespace.'),
    status: ref(c('NamespaceStatus'), 'Phase of the namespace.'),
  }),
  struct(c('NamespaceSpec'), 'Desired state of a namespace.', {
    finalizers: strList('Must be empty before the namespace is removed; "kubernetes" is added on create.'),
  }),
  struct(c('NamespaceStatus'), 'Observed state of a namespace.', {
    phase: str('Active or Terminating.', { enum: ['Active', 'Terminating'] }),
    conditions: conditionsField('NamespaceCondition'),
  }),
  condition('NamespaceCondition', 'namespace'),
  listDef(CORE, 'Namespace', '', 'v1', 'namespaces'),

  top('Node', 'A worker machine that runs pods.', {
    spec: ref(c('NodeSpec'), 'How the node is configured.'),
    status: ref(c('NodeStatus'), 'Most recently observed status; reported by the kubelet.'),
  }),
  struct(c('NodeSpec'), 'Configuration of a node.', {
    podCIDR: str('Pod IP range assigned to the node.'),
    podCIDRs: listOf(T.str, 'Pod IP ranges assigned to the node.', { strategy: 'merge', listType: 'set' }),
    providerID: str('ID assigned by the cloud provider.'),
    unschedulable: bool('When true no new pods are scheduled here (kubectl cordon).'),
    taints: listOf(T.ref(c('Taint')), 'Taints that repel pods without a matching toleration.', { listType: 'atomic' }),
  }),
  struct(c('Taint'), 'Repels pods that do not tolerate it.', {
    key: str('Taint key.', { required: true }),
    value: str('Taint value.'),
    effect: str('NoSchedule, PreferNoSchedule or NoExecute.', { required: true, enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] }),
    timeAdded: timeField('When a NoExecute taint was added.'),
  }),
  struct(c('NodeStatus'), 'Observed state of a node.', {
    capacity: resourceListField('Total resources of the node.'),
    allocatable: resourceListField('Resources available to pods.'),
    phase: str('Deprecated lifecycle phase.'),
    conditions: listOf(T.ref(c('NodeCondition')), 'Ready, MemoryPressure, DiskPressure, PIDPressure, …', { strategy: 'merge', mergeKey: 'type' }),
    addresses: listOf(T.ref(c('NodeAddress')), 'Addresses of the node.', { strategy: 'merge', mergeKey: 'type' }),
    daemonEndpoints: ref(c('NodeDaemonEndpoints'), 'Ports of daemons on the node.'),
    nodeInfo: ref(c('NodeSystemInfo'), 'Versions and IDs of the node.'),
    images: listOf(T.ref(c('ContainerImage')), 'Images on the node.', { listType: 'atomic' }),
    volumesInUse: strList('Volumes in use.'),
    volumesAttached: listOf(T.ref(c('AttachedVolume')), 'Volumes attached.', { listType: 'atomic' }),
  }),
  struct(c('NodeCondition'), 'A condition of a node.', {
    type: str('Type of the condition.', { required: true }),
    status: str('True, False or Unknown.', { required: true }),
    lastHeartbeatTime: timeField('Last time the condition was reported.'),
    lastTransitionTime: timeField('Last time the status changed.'),
    reason: str('CamelCase reason of the last transition.'),
    message: str('Human-readable details.'),
  }),
  struct(c('NodeAddress'), 'An address of a node.', {
    type: str('Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.', { required: true }),
    address: str('The address.', { required: true }),
  }),
  struct(c('NodeDaemonEndpoints'), 'Ports of daemons on a node.', {
    kubeletEndpoint: ref(c('DaemonEndpoint'), 'Port of the kubelet.'),
  }),
  struct(c('DaemonEndpoint'), 'A daemon port.', { Port: int32('Port number.', { required: true }) }),
  struct(c('NodeSystemInfo'), 'Identity and versions of a node.', {
    machineID: str('Machine ID.', { required: true }),
    systemUUID: str('System UUID.', { required: true }),
    bootID: str('Boot ID.', { required: true }),
    kernelVersion: str('Kernel version.', { required: true }),
    osImage: str('OS image.', { required: true }),
    containerRuntimeVersion: str('Runtime and version, e.g. containerd://1.7.', { required: true }),
    kubeletVersion: str('Kubelet version.', { required: true }),
    kubeProxyVersion: str('Deprecated kube-proxy version.', { required: true }),
    operatingSystem: str('linux.', { required: true }),
    architecture: str('amd64, arm64, …', { required: true }),
  }),
  struct(c('ContainerImage'), 'An image on a node.', {
    names: strList('Names of the image.'),
    sizeBytes: { type: T.int64, description: 'Size in bytes.' },
  }),
  struct(c('AttachedVolume'), 'A volume attached to a node.', {
    name: str('Volume name.', { required: true }),
    devicePath: str('Device path.', { required: true }),
  }),
  listDef(CORE, 'Node', '', 'v1', 'nodes'),

  top('Service', 'A named, stable virtual IP and port that load-balances to the pods its selector matches.', {
    spec: ref(c('ServiceSpec'), 'Behaviour of the service.'),
    status: ref(c('ServiceStatus'), 'Observed status, e.g. load balancer ingress.'),
  }),
  struct(c('ServiceSpec'), 'Desired behaviour of a service.', {
    ports: listOf(T.ref(c('ServicePort')), 'Ports the service exposes.', { strategy: 'merge', mergeKey: 'port', listType: 'map', mapKeys: ['port', 'protocol'] }),
    selector: strMap('Pods with these labels receive the traffic; without a selector endpoints are managed by hand.'),
    clusterIP: str('Virtual IP; allocated when empty, "None" for a headless service. Cannot be changed.'),
    clusterIPs: strList('Cluster IPs, first equal to clusterIP.'),
    type: str('ClusterIP (default), NodePort, LoadBalancer or ExternalName.', { enum: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] }),
    externalIPs: strList('Extra IPs nodes accept traffic for.'),
    sessionAffinity: str('ClientIP or None (default).', { enum: ['ClientIP', 'None'] }),
    loadBalancerIP: str('Deprecated requested load balancer IP.'),
    loadBalancerSourceRanges: strList('Client CIDRs allowed through the load balancer.'),
    externalName: str('DNS name returned as a CNAME for type ExternalName.'),
    externalTrafficPolicy: str('Cluster (default) or Local: whether external traffic may leave the node it arrived on.', { enum: ['Cluster', 'Local'] }),
    healthCheckNodePort: int32('Health check port for Local external traffic policy.'),
    publishNotReadyAddresses: bool('Publish endpoints of pods that are not ready.'),
    sessionAffinityConfig: refP(c('SessionAffinityConfig'), 'Session affinity settings.'),
    ipFamilies: strList('IP families of the service: IPv4, IPv6.'),
    ipFamilyPolicy: str('SingleStack, PreferDualStack or RequireDualStack.', { enum: ['PreferDualStack', 'RequireDualStack', 'SingleStack'] }),
    allocateLoadBalancerNodePorts: bool('Whether LoadBalancer services get node ports. Default true.'),
    loadBalancerClass: str('Load balancer implementation.'),
    internalTrafficPolicy: str('Cluster (default) or Local, for traffic from inside the cluster.', { enum: ['Cluster', 'Local'] }),
  }),
  struct(c('ServicePort'), 'One port of a service.', {
    name: str('Name, required when there are several ports; endpoints use it.'),
    protocol: str('TCP (default), UDP or SCTP.', { enum: ['SCTP', 'TCP', 'UDP'], default: 'TCP' }),
    appProtocol: str('Application protocol hint.'),
    port: int32('Port the service exposes.', { required: true }),
    targetPort: ref(INT_OR_STRING, "Number or name of the port on the pods; defaults to port."),
    nodePort: int32('Port on every node for NodePort/LoadBalancer; allocated when empty.'),
  }),
  struct(c('SessionAffinityConfig'), 'Session affinity settings.', {
    clientIP: refP(c('ClientIPConfig'), 'ClientIP affinity settings.'),
  }),
  struct(c('ClientIPConfig'), 'ClientIP affinity settings.', {
    timeoutSeconds: int32('Sticky time; default 10800 (3 hours).'),
  }),
  struct(c('ServiceStatus'), 'Observed state of a service.', {
    loadBalancer: ref(c('LoadBalancerStatus'), 'Load balancer, if any.'),
    conditions: listOf(T.ref(META + 'Condition'), 'Conditions of the service.', { strategy: 'merge', mergeKey: 'type', listType: 'map', mapKeys: ['type'] }),
  }),
  struct(META + 'Condition', 'A standard condition.', {
    type: str('Type of the condition.', { required: true }),
    status: str('True, False or Unknown.', { required: true }),
    observedGeneration: { type: T.int64, description: 'Generation the condition was set for.' },
    lastTransitionTime: timeField('Last time the status changed.'),
    reason: str('CamelCase reason.', { required: true }),
    message: str('Human-readable details.', { required: true }),
  }),
  struct(c('LoadBalancerStatus'), 'Status of a load balancer.', {
    ingress: listOf(T.ref(c('LoadBalancerIngress')), 'Ingress points.', { listType: 'atomic' }),
  }),
  struct(c('LoadBalancerIngress'), 'An ingress point of a load balancer.', {
    ip: str('IP address.'),
    hostname: str('Host name.'),
    ipMode: str('VIP or Proxy.'),
    ports: listOf(T.ref(c('PortStatus')), 'Port records.', { listType: 'atomic' }),
  }),
  struct(c('PortStatus'), 'Status of a port.', {
    port: int32('Port number.', { required: true }),
    protocol: str('TCP, UDP or SCTP.', { required: true }),
    error: str('Problem with the port, if any.'),
  }),
  listDef(CORE, 'Service', '', 'v1', 'services'),

  top('Endpoints', 'The addresses behind a service; kept by the endpoints controller.', {
    subsets: listOf(T.ref(c('EndpointSubset')), 'Sets of addresses sharing ports.', { listType: 'atomic' }),
  }),
  struct(c('EndpointSubset'), 'Addresses and the ports they all serve.', {
    addresses: listOf(T.ref(c('EndpointAddress')), 'Ready addresses.', { listType: 'atomic' }),
    notReadyAddresses: listOf(T.ref(c('EndpointAddress')), 'Addresses not yet ready.', { listType: 'atomic' }),
    ports: listOf(T.ref(c('EndpointPort')), 'Ports.', { listType: 'atomic' }),
  }),
  struct(c('EndpointAddress'), 'One endpoint address.', {
    ip: str('IP of the endpoint.', { required: true }),
    hostname: str('Host name of the endpoint.'),
    nodeName: str('Node hosting the endpoint.'),
    targetRef: refP(c('ObjectReference'), 'The pod behind the endpoint.'),
  }),
  struct(c('EndpointPort'), 'One endpoint port.', {
    name: str('Must match the service port name.'),
    port: int32('Port number.', { required: true }),
    protocol: str('TCP, UDP or SCTP.', { enum: ['SCTP', 'TCP', 'UDP'] }),
    appProtocol: str('Application protocol hint.'),
  }),
  listDef(CORE, 'Endpoints', '', 'v1', 'endpoints'),

  top('ReplicationController', 'Keeps a number of pod replicas running.', {
    spec: ref(c('ReplicationControllerSpec'), 'Desired behaviour.'),
    status: ref(c('ReplicationControllerStatus'), 'Most recently observed status.'),
  }),
  struct(c('ReplicationControllerSpec'), 'Desired behaviour of a replication controller.', {
    replicas: int32('Desired number of pods. Default 1.'),
    minReadySeconds: int32('Seconds a new pod must be ready to count as available.'),
    selector: strMap('Label query over pods; defaults to the template labels.'),
    template: refP(c('PodTemplateSpec'), 'Pods created when too few exist.'),
  }),
  struct(c('ReplicationControllerStatus'), 'Observed state of a replication controller.', {
    replicas: int32('Most recently observed number of pods.', { required: true }),
    fullyLabeledReplicas: int32('Pods whose labels match the template labels.'),
    readyReplicas: int32('Ready pods.'),
    availableReplicas: int32('Available pods.'),
    observedGeneration: { type: T.int64, description: 'Generation last processed.' },
    conditions: conditionsField('ReplicationControllerCondition'),
  }),
  condition('ReplicationControllerCondition', 'replication controller'),
  listDef(CORE, 'ReplicationController', '', 'v1', 'replication controllers'),

  top('Secret', 'Holds small amounts of sensitive data, base64-encoded in data.', {
    immutable: bool('When true, data cannot change.'),
    data: mapOf(T.str, 'Secret data; values are base64-encoded.'),
    stringData: strMap('Write-only plain-text data merged into data on write.'),
    type: str('Opaque (default), kubernetes.io/tls, kubernetes.io/service-account-token, …'),
  }),
  listDef(CORE, 'Secret', '', 'v1', 'secrets'),

  top('ConfigMap', 'Holds configuration data for pods.', {
    immutable: bool('When true, data cannot change.'),
    data: strMap('UTF-8 configuration data.'),
    binaryData: mapOf(T.str, 'Binary data, base64-encoded.'),
  }),
  listDef(CORE, 'ConfigMap', '', 'v1', 'config maps'),

  top('ServiceAccount', 'An identity for processes in pods.', {
    secrets: listOf(T.ref(c('ObjectReference')), 'Secrets pods of this account may use.', { strategy: 'merge', mergeKey: 'name' }),
    imagePullSecrets: listOf(T.ref(c('LocalObjectReference')), 'Image pull secrets added to pods.', { listType: 'atomic' }),
    automountServiceAccountToken: bool('Whether pods mount the token automatically.'),
  }),
  listDef(CORE, 'ServiceAccount', '', 'v1', 'service accounts'),

  top('Event', 'A report of something that happened to an object.', {
    involvedObject: ref(c('ObjectReference'), 'The object this event is about.', { required: true }),
    reason: str('Short CamelCase reason, e.g. Scheduled.'),
    message: str('Human-readable description.'),
    source: ref(c('EventSource'), 'Component reporting the event.'),
    firstTimestamp: timeField('When the event was first recorded.'),
    lastTimestamp: timeField('When the event last occurred.'),
    count: int32('How many times it occurred.'),
    type: str('Normal or Warning.'),
    eventTime: ref(META + 'MicroTime', 'When the event was first observed.'),
    series: refP(c('EventSeries'), 'Data about a series of events.'),
    action: str('What was done, or failed.'),
    related: refP(c('ObjectReference'), 'A secondary object.'),
    reportingComponent: str('Controller that emitted the event.', { default: '' }),
    reportingInstance: str('Instance of the controller.', { default: '' }),
  }),
  struct(c('EventSource'), 'Where an event came from.', {
    component: str('Component name.'),
    host: str('Node name.'),
  }),
  struct(c('EventSeries'), 'A series of events.', {
    count: int32('Occurrences so far.'),
    lastObservedTime: ref(META + 'MicroTime', 'Time of the last occurrence.'),
  }),
  listDef(CORE, 'Event', '', 'v1', 'events'),

  top('ResourceQuota', 'Limits the total resources a namespace may use.', {
    spec: ref(c('ResourceQuotaSpec'), 'Desired quota.'),
    status: ref(c('ResourceQuotaStatus'), 'Enforced hard limits and current use.'),
  }),
  struct(c('ResourceQuotaSpec'), 'Desired quota.', {
    hard: resourceListField('Hard limit for each named resource.'),
    scopes: strList('Filters on the objects tracked.'),
    scopeSelector: refP(c('ScopeSelector'), 'Scope filters as expressions.'),
  }),
  struct(c('ScopeSelector'), 'Scope filters.', {
    matchExpressions: listOf(T.ref(c('ScopedResourceSelectorRequirement')), 'The requirements.', { listType: 'atomic' }),
  }),
  struct(c('ScopedResourceSelectorRequirement'), 'A scope, an operator and values.', {
    scopeName: str('Scope name.', { required: true }),
    operator: str('In, NotIn, Exists or DoesNotExist.', { required: true }),
    values: strList('Values.'),
  }),
  struct(c('ResourceQuotaStatus'), 'Enforced quota and usage.', {
    hard: resourceListField('Enforced hard limits.'),
    used: resourceListField('Current observed use.'),
  }),
  listDef(CORE, 'ResourceQuota', '', 'v1', 'resource quotas'),

  top('LimitRange', 'Default and bounding resource values per object in a namespace.', {
    spec: ref(c('LimitRangeSpec'), 'The limits.'),
  }),
  struct(c('LimitRangeSpec'), 'The limits of a LimitRange.', {
    limits: listOf(T.ref(c('LimitRangeItem')), 'One entry per kind of object.', { listType: 'atomic' }, { required: true }),
  }),
  struct(c('LimitRangeItem'), 'Limits for one kind of object.', {
    type: str('Pod, Container or PersistentVolumeClaim.', { required: true }),
    max: resourceListField('Maximum per resource.'),
    min: resourceListField('Minimum per resource.'),
    default: resourceListField('Default limit when none is given.'),
    defaultRequest: resourceListField('Default request when none is given.'),
    maxLimitRequestRatio: resourceListField('Maximum limit/request ratio.'),
  }),
  listDef(CORE, 'LimitRange', '', 'v1', 'limit ranges'),

  top('PersistentVolume', 'A piece of storage provisioned by an administrator or a provisioner.', {
    spec: ref(c('PersistentVolumeSpec'), 'The volume.'),
    status: ref(c('PersistentVolumeStatus'), 'Observed phase.'),
  }),
  struct(c('PersistentVolumeSpec'), 'A persistent volume.', {
    capacity: resourceListField('Capacity, e.g. storage: 10Gi.'),
    hostPath: refP(c('HostPathVolumeSource'), 'A directory on a node (testing only).'),
    nfs: refP(c('NFSVolumeSource'), 'An NFS export.'),
    local: refP(c('LocalVolumeSource'), 'A local disk of a node.'),
    accessModes: strList('ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.'),
    claimRef: refP(c('ObjectReference'), 'The claim bound to this volume.'),
    persistentVolumeReclaimPolicy: str('Retain (default for manual), Delete or Recycle.', { enum: ['Delete', 'Recycle', 'Retain'] }),
    storageClassName: str('Storage class of the volume.'),
    mountOptions: strList('Mount options.'),
    volumeMode: str('Filesystem (default) or Block.', { enum: ['Block', 'Filesystem'] }),
    nodeAffinity: refP(c('VolumeNodeAffinity'), 'Nodes the volume can be used from.'),
  }),
  struct(c('LocalVolumeSource'), 'A local disk.', {
    path: str('Path on the node.', { required: true }),
    fsType: str('Filesystem type.'),
  }),
  struct(c('VolumeNodeAffinity'), 'Nodes a volume is reachable from.', {
    required: refP(c('NodeSelector'), 'Required node selector.'),
  }),
  struct(c('PersistentVolumeStatus'), 'Observed state of a persistent volume.', {
    phase: str('Pending, Available, Bound, Released or Failed.', { enum: ['Available', 'Bound', 'Failed', 'Pending', 'Released'] }),
    message: str('Why the volume is in this state.'),
    reason: str('CamelCase reason.'),
    lastPhaseTransitionTime: timeField('When the phase last changed.'),
  }),
  listDef(CORE, 'PersistentVolume', '', 'v1', 'persistent volumes'),

  top('PersistentVolumeClaim', "A user's request for storage.", {
    spec: ref(c('PersistentVolumeClaimSpec'), 'The request.'),
    status: ref(c('PersistentVolumeClaimStatus'), 'Observed state.'),
  }),
  struct(c('PersistentVolumeClaimSpec'), 'A storage request.', {
    accessModes: strList('Desired access modes.'),
    selector: refP(META + 'LabelSelector', 'Label query over volumes.'),
    resources: ref(c('VolumeResourceRequirements'), 'Minimum size requested.'),
    volumeName: str('Binds to this volume.'),
    storageClassName: str('Storage class requested.'),
    volumeMode: str('Filesystem (default) or Block.', { enum: ['Block', 'Filesystem'] }),
  }),
  struct(c('VolumeResourceRequirements'), 'Storage requirements.', {
    limits: resourceListField('Maximum storage.'),
    requests: resourceListField('Minimum storage.'),
  }),
  struct(c('PersistentVolumeClaimStatus'), 'Observed state of a claim.', {
    phase: str('Pending, Bound or Lost.', { enum: ['Bound', 'Lost', 'Pending'] }),
    accessModes: strList('Access modes of the bound volume.'),
    capacity: resourceListField('Capacity of the bound volume.'),
    conditions: listOf(T.ref(c('PersistentVolumeClaimCondition')), 'Conditions of the claim.', { strategy: 'merge', mergeKey: 'type', listType: 'map', mapKeys: ['type'] }),
  }),
  condition('PersistentVolumeClaimCondition', 'claim'),
  listDef(CORE, 'PersistentVolumeClaim', '', 'v1', 'persistent volume claims'),
];
