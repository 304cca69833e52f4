// Mirrors pkg/kubelet/kubelet.go: the Kubelet wires the runtime (CRI), image, volume, prober and
// status managers to the pods bound to its node (an informer with spec.nodeName=<node>), runs
// syncPod / syncTerminatingPod / syncTerminatedPod through the pod workers, reacts to container
// events (the evented PLEG) and probe results, and keeps the Node and its Lease fresh. Simplified:
// one pod source (the API server), no cgroups/QoS hierarchy, no eviction manager.
import type { Pod, ResourceList, Service } from '../api/core/v1/types.js';
import type { Clientset } from '../client/kubernetes/clientset.js';
import { SharedInformerFactory } from '../client/informers/factory.js';
import type { Lister } from '../client/tools/cache/listers.js';
import { newBroadcaster, newEventSink, type EventBroadcaster, type EventRecorder } from '../client/tools/record/event.js';
import type { Clock, Timer } from '../util/clock.js';
import type { Machine } from '../net/machine.js';
import type { FileSystem } from '../images/types.js';
import type { StreamSocket } from '../net/types.js';
import { MemFileSystem } from '../images/fs/mem-fs.js';
import { parseReference } from '../images/registry.js';
import { LocalImageService, type PullFunc } from './cri/image-service.js';
import { ContainerdRuntime } from './cri/runtime-service.js';
import type { ContainerEvent, PodSandboxConfig } from './cri/api.js';
import { formatLogs, type LogOptions } from './cri/container-log.js';
import { ReasonCache, type PodStatus } from './container/runtime.js';
import { ImageManager } from './images/image-manager.js';
import { KubeGenericRuntimeManager } from './kuberuntime/kuberuntime-manager.js';
import { makeEnvironmentVariables, type EnvSources } from './kubelet-pods.js';
import { generateAPIPodStatus } from './kubelet-pod-status.js';
import { initialNode, nodeRef, registerWithAPIServer, setNodeStatus, type NodeConfig } from './kubelet-node-status.js';
import { LeaseController } from './nodelease/controller.js';
import { PodWorkers, type SyncPodResult, type UpdateType } from './pod-workers.js';
import { ProberManager } from './prober/prober-manager.js';
import { StatsProvider } from './stats/stats-provider.js';
import { StatusManager } from './status/status-manager.js';
import { VolumeManager } from './volumemanager/volume-manager.js';
import * as events from './events/event.js';
import { StaticPodSource } from './config/static-pods.js';
import { isMirrorPod } from './pod/mirror-client.js';
import { portMappingsOf } from './cri/hostport.js';

export interface KubeletOptions {
  client: Clientset;
  clock: Clock;
  /** machine is the node's host in the dataplane: its IP, bridge and pod CIDR. */
  machine: Machine;
  nodeName?: string;
  registerNode?: boolean;
  nodeLabels?: Record<string, string>;
  capacity?: ResourceList;
  allocatable?: ResourceList;
  nodeStatusUpdateFrequency?: number;
  syncFrequency?: number;
  clusterDNS?: string[];
  clusterDomain?: string;
  /** pullImage resolves image references (the built-in registry by default). */
  pullImage?: PullFunc;
  /** hostFs is the node's file tree for hostPath volumes. */
  hostFs?: FileSystem;
  nfs?(server: string, path: string): FileSystem;
  /** podManifestPath is --pod-manifest-path: a folder (or file) of static pod manifests in hostFs. */
  podManifestPath?: string;
  /** fileCheckFrequency is --file-check-frequency: how often the manifests are read (default 20 s). */
  fileCheckFrequency?: number;
  broadcaster?: EventBroadcaster;
  log?(msg: string): void;
}

const defaultCapacity: ResourceList = { cpu: '2', memory: '4Gi', pods: '110', 'ephemeral-storage': '20Gi', 'hugepages-2Mi': '0' };

/** mountRetryPeriod is how soon a pod whose volumes failed to mount is synced again. */
const mountRetryPeriod = 1_000;

export class Kubelet {
  readonly nodeName: string;
  readonly clock: Clock;
  readonly client: Clientset;
  readonly recorder: EventRecorder;
  readonly broadcaster: EventBroadcaster;
  readonly imageService: LocalImageService;
  readonly runtime: ContainerdRuntime;
  readonly imageManager: ImageManager;
  readonly reasons = new ReasonCache();
  readonly prober: ProberManager;
  readonly volumeManager: VolumeManager;
  readonly runtimeManager: KubeGenericRuntimeManager;
  readonly statusManager: StatusManager;
  readonly podWorkers: PodWorkers;
  readonly leaseController: LeaseController;
  readonly statsProvider: StatsProvider;
  readonly hostFs: FileSystem;
  readonly nodeConfig: NodeConfig;
  /** staticPods is the file source of --pod-manifest-path, when set. */
  readonly staticPods?: StaticPodSource;
  private readonly podFactory: SharedInformerFactory;
  private readonly factory: SharedInformerFactory;
  private readonly serviceLister: Lister<Service>;
  private readonly pods = new Map<string, Pod>();
  private readonly log: (msg: string) => void;
  private readonly timers: Timer[] = [];
  private nodeUID: string | undefined;
  private lastConditions = new Map<string, string>();
  private ownsBroadcaster = false;

  constructor(readonly options: KubeletOptions) {
    const { clock, machine } = options;
    this.clock = clock;
    this.client = options.client;
    this.nodeName = options.nodeName ?? machine.name;
    this.log = options.log ?? (() => undefined);
    if (options.broadcaster) this.broadcaster = options.broadcaster;
    else {
      this.broadcaster = newBroadcaster(clock);
      this.broadcaster.startRecordingToSink(newEventSink(this.client));
      this.ownsBroadcaster = true;
    }
    this.recorder = this.broadcaster.newRecorder({ component: 'kubelet', host: this.nodeName });
    this.hostFs = options.hostFs ?? new MemFileSystem({ now: () => clock.now() });
    this.imageService = new LocalImageService(options.pullImage);
    this.runtime = new ContainerdRuntime(machine, this.imageService, clock);
    this.imageManager = new ImageManager(this.imageService, this.recorder, clock);
    const capacity = { ...defaultCapacity, ...(options.capacity ?? {}) };
    this.nodeConfig = {
      nodeName: this.nodeName,
      nodeIP: machine.ip,
      podCIDR: machine.podCidr,
      labels: options.nodeLabels,
      capacity,
      allocatable: { ...capacity, ...(options.allocatable ?? {}) },
      containerRuntimeVersion: 'containerd://1.7.24-kubelab',
      kubeletPort: 10250,
    };
    this.prober = new ProberManager({
      runtime: this.runtime,
      recorder: this.recorder,
      clock,
      containerStatus: (uid, name) => this.currentStatus(uid).containerStatuses.find((c) => c.metadata.name === name),
      podIP: (uid) => this.currentStatus(uid).ips[0] ?? '',
      podNet: (uid) => {
        const sb = this.currentStatus(uid).sandboxStatuses.find((s) => s.state === 'SANDBOX_READY');
        return sb ? this.runtime.sandboxNetNamespace(sb.id)?.stack : undefined;
      },
    });
    const nfsExports = new Map<string, FileSystem>();
    this.volumeManager = new VolumeManager({
      client: this.client,
      clock,
      hostFs: this.hostFs,
      nfs: options.nfs ?? ((server, path) => {
        const key = `${server}:${path}`;
        if (!nfsExports.has(key)) nfsExports.set(key, new MemFileSystem({ now: () => clock.now() }));
        return nfsExports.get(key)!;
      }),
      podIPs: (pod) => this.podIPs(pod),
      nodeAllocatable: () => this.nodeConfig.allocatable,
    }, this.recorder);
    this.podFactory = new SharedInformerFactory(this.client, { clock, tweakListOptions: (o) => void (o.fieldSelector = `spec.nodeName=${this.nodeName}`) });
    this.factory = new SharedInformerFactory(this.client, { clock });
    this.serviceLister = this.factory.core().v1().services().lister();
    const envSources: EnvSources = {
      services: (ns) => this.serviceLister.byNamespace(ns).list(),
      getConfigMap: (ns, name) => this.client.coreV1().configMaps(ns).get(name),
      getSecret: (ns, name) => this.client.coreV1().secrets(ns).get(name),
      nodeAllocatable: () => this.nodeConfig.allocatable,
    };
    this.runtimeManager = new KubeGenericRuntimeManager({
      runtime: this.runtime,
      imageManager: this.imageManager,
      recorder: this.recorder,
      clock,
      reasons: this.reasons,
      prober: this.prober,
      envFor: (pod, c) => makeEnvironmentVariables(pod, c, this.podIPs(pod), envSources),
      volumesFor: (uid) => this.volumeManager.getMountedVolumesForPod(uid),
      podIP: (uid) => this.currentStatus(uid).ips[0] ?? '',
      sandboxConfig: (pod, attempt) => this.sandboxConfig(pod, attempt),
    });
    this.statusManager = new StatusManager(this.client, clock, this.log);
    this.podWorkers = new PodWorkers(this, clock, options.syncFrequency ?? 60_000, this.log);
    this.leaseController = new LeaseController(this.client, clock, this.nodeName, () => this.nodeUID);
    this.statsProvider = new StatsProvider(this.runtime, clock, this.nodeName, clock.now());
    if (options.podManifestPath) {
      this.staticPods = new StaticPodSource(
        { fs: this.hostFs, path: options.podManifestPath, nodeName: this.nodeName, clock, client: this.client, nodeUID: () => this.nodeUID, checkFrequency: options.fileCheckFrequency, log: this.log },
        this,
      );
    }
  }

  /** run registers the node, starts the loops and serves pods until signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    this.recorder.event(nodeRef(this.nodeName), 'Normal', events.StartingKubelet, 'Starting kubelet.');
    if (this.options.registerNode ?? true) await this.registerNode(signal);
    if (signal.aborted) return;
    this.recorder.event(nodeRef(this.nodeName), 'Normal', events.NodeAllocatableEnforced, 'Updated Node Allocatable limit across pods');
    await this.updateNodeStatus();
    const every = (ms: number, fn: () => void) => {
      const tick = () => {
        this.timers.push(this.clock.setTimer(ms, tick));
        fn();
      };
      this.timers.push(this.clock.setTimer(ms, tick));
    };
    every(this.options.nodeStatusUpdateFrequency ?? 10_000, () => void this.updateNodeStatus());
    this.leaseController.run();
    this.statusManager.start();
    this.staticPods?.run();
    const stopEvents = this.runtime.getContainerEvents((e) => this.handleContainerEvent(e));
    const onResult = (u: { podUID: string }) => {
      const pod = this.pods.get(u.podUID);
      if (pod) this.podWorkers.updatePod('sync', pod);
    };
    this.prober.liveness.onUpdate((u) => u.result === 'Failure' && onResult(u));
    this.prober.startup.onUpdate(onResult);
    this.prober.readiness.onUpdate(onResult);
    this.factory.start(signal);
    // Mirror pods are the API's view of static pods: they are never run, only kept in line.
    this.podFactory.core().v1().pods().informer().addEventHandler({
      onAdd: (pod) => (isMirrorPod(pod) ? undefined : this.handlePodAdditions([pod])),
      onUpdate: (oldPod, pod) => (isMirrorPod(pod) ? (pod.metadata.deletionTimestamp ? this.staticPods?.mirrorChanged() : undefined) : this.handlePodUpdates([pod], oldPod)),
      onDelete: (obj) => {
        const pod = (obj as { obj?: Pod }).obj ?? (obj as Pod);
        if (isMirrorPod(pod)) this.staticPods?.mirrorChanged();
        else this.handlePodRemoves([pod]);
      },
    });
    this.podFactory.start(signal);
    await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
    stopEvents();
    this.staticPods?.stop();
    for (const t of this.timers) t.stop();
    this.leaseController.stop();
    this.statusManager.stop();
    this.podWorkers.stop();
    for (const uid of this.pods.keys()) this.prober.removePod(uid);
    await Promise.all([this.factory.shutdown(), this.podFactory.shutdown()]);
    if (this.ownsBroadcaster) await this.broadcaster.flush();
  }

  private async registerNode(signal: AbortSignal): Promise<void> {
    let delay = 100;
    while (!signal.aborted) {
      try {
        if (await registerWithAPIServer(this.client, initialNode(this.nodeConfig))) return;
      } catch (err) {
        this.log(`Unable to register node with API server: ${String(err)}`);
      }
      await this.clock.sleep(delay);
      delay = Math.min(delay * 2, 7000);
    }
  }

  /** updateNodeStatus posts the node's status (tryUpdateNodeStatus) and records condition changes. */
  async updateNodeStatus(): Promise<void> {
    try {
      const nodes = this.client.coreV1().nodes();
      const node = await nodes.get(this.nodeName);
      this.nodeUID = node.metadata.uid;
      const machine = this.options.machine;
      this.nodeConfig.podCIDR ??= machine.podCidr;
      const status = setNodeStatus(node, this.nodeConfig, { networkReady: !!machine.bridge }, this.imageService, this.clock.now());
      await nodes.updateStatus({ ...node, status });
      for (const c of status.conditions ?? []) {
        if (this.lastConditions.get(c.type) === c.status) continue;
        this.lastConditions.set(c.type, c.status);
        const reason = c.type === 'Ready' ? (c.status === 'True' ? events.NodeReady : events.NodeNotReady) : c.reason?.replace(/^Kubelet/, 'Node');
        if (reason) this.recorder.event(nodeRef(this.nodeName), 'Normal', reason, `Node ${this.nodeName} status is now: ${reason}`);
      }
    } catch (err) {
      this.log(`Error updating node status, will retry: ${String(err)}`);
    }
  }

  handlePodAdditions(pods: Pod[]): void {
    for (const pod of [...pods].sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''))) {
      this.pods.set(pod.metadata.uid ?? '', pod);
      this.podWorkers.updatePod('create', pod);
    }
  }

  /** handlePodUpdates syncs on spec or metadata changes; status-only updates just refresh the copy. */
  handlePodUpdates(pods: Pod[], oldPod?: Pod): void {
    for (const pod of pods) {
      this.pods.set(pod.metadata.uid ?? '', pod);
      const relevant = (p: Pod | undefined) => JSON.stringify([p?.spec, p?.metadata.labels, p?.metadata.annotations, p?.metadata.deletionTimestamp, p?.metadata.deletionGracePeriodSeconds]);
      if (!oldPod || relevant(oldPod) !== relevant(pod)) this.podWorkers.updatePod('update', pod);
    }
  }

  /** mirrorPodCreated re-posts a static pod's status, which a new mirror pod does not have yet. */
  mirrorPodCreated(pod: Pod): void {
    void this.statusManager.resync(pod.metadata.uid ?? '');
  }

  handlePodRemoves(pods: Pod[]): void {
    for (const pod of pods) {
      const uid = pod.metadata.uid ?? '';
      this.pods.delete(uid);
      this.podWorkers.updatePod('kill', pod);
      void this.cleanupRemovedPod(pod);
    }
  }

  private async cleanupRemovedPod(pod: Pod): Promise<void> {
    const uid = pod.metadata.uid ?? '';
    await this.podWorkers.idle();
    if (!this.podWorkers.isPodFinished(uid)) return;
    this.podWorkers.forgetWorker(uid);
    this.statusManager.removeOrphanedStatus(uid);
    this.reasons.removePod(uid);
    await this.runtimeManager.removePod(this.currentStatus(uid));
  }

  /** handleContainerEvent is the evented PLEG: a container change wakes its pod's worker. */
  private handleContainerEvent(e: ContainerEvent): void {
    if (e.type !== 'CONTAINER_STOPPED_EVENT' && e.type !== 'CONTAINER_STARTED_EVENT') return;
    const status = this.runtime.listContainers({ id: e.containerId })[0];
    if (!status) return;
    const uid = status.labels['io.kubernetes.pod.uid'] ?? '';
    if (e.type === 'CONTAINER_STOPPED_EVENT' && status.reason === 'OOMKilled') {
      const pid = this.runtime.processOf(e.containerId)?.pid ?? 0;
      this.recorder.event(nodeRef(this.nodeName), 'Warning', events.OOMKilling, `Memory cgroup out of memory: Killed process ${pid} (${status.metadata.name}) total-vm:0kB, anon-rss:0kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:0kB oom_score_adj:0`);
    }
    const pod = this.pods.get(uid);
    if (pod) this.podWorkers.updatePod('sync', pod);
  }

  private currentStatus(uid: string): PodStatus {
    const pod = this.pods.get(uid);
    return this.runtimeManager.getPodStatus(uid, pod?.metadata.name ?? '', pod?.metadata.namespace ?? '');
  }

  private podIPs(pod: Pod) {
    return { podIPs: this.currentStatus(pod.metadata.uid ?? '').ips, hostIPs: [this.options.machine.ip] };
  }

  private generateStatus(pod: Pod, podStatus: PodStatus, podIsTerminal: boolean) {
    return generateAPIPodStatus({
      pod,
      podStatus,
      oldStatus: this.statusManager.getPodStatus(pod.metadata.uid ?? '') ?? pod.status ?? {},
      podIsTerminal,
      reasons: this.reasons,
      hostIP: this.options.machine.ip,
      now: this.clock.now(),
      ready: (id, c) => this.prober.isReady(id, c),
      started: (id, c) => this.prober.isStarted(id, c),
      imageName: (image) => (image ? parseReference(image).full : ''),
      imageID: (image) => this.imageService.repoDigest(image),
    });
  }

  /** syncPod is the kubelet's main per-pod reconciliation (kl.SyncPod). */
  async syncPod(updateType: UpdateType, pod: Pod): Promise<SyncPodResult> {
    const uid = pod.metadata.uid ?? '';
    let podStatus = this.currentStatus(uid);
    let status = this.generateStatus(pod, podStatus, false);
    if (status.phase === 'Succeeded' || status.phase === 'Failed') {
      await this.statusManager.setPodStatus(pod, status);
      return { isTerminal: true };
    }
    await this.statusManager.setPodStatus(pod, status);
    if (!pod.spec?.hostNetwork && !this.options.machine.bridge) {
      const msg = 'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';
      this.recorder.event(pod, 'Warning', events.NetworkNotReady, msg);
      return { isTerminal: false, error: 'NetworkNotReady' };
    }
    try {
      await this.volumeManager.waitForAttachAndMount(pod);
    } catch (err) {
      this.log(`Unable to attach or mount volumes for pod "${pod.metadata.name}": ${String(err)}`);
      // Upstream's volume reconciler retries every 100 ms while the pod waits; retry the sync soon so a
      // ConfigMap or Secret that appears a moment later (kube-root-ca.crt at boot) is mounted promptly.
      return { isTerminal: false, error: 'FailedMount', nextSyncAt: this.clock.now() + mountRetryPeriod };
    }
    if (updateType === 'sync') await this.volumeManager.remount(pod);
    this.prober.addPod(pod);
    const r = await this.runtimeManager.syncPod(pod, podStatus);
    podStatus = this.currentStatus(uid);
    status = this.generateStatus(pod, podStatus, false);
    await this.statusManager.setPodStatus(pod, status);
    return { isTerminal: false, error: r.error, nextSyncAt: r.nextSyncAt };
  }

  /** syncTerminatingPod stops the pod's containers within the grace period. */
  async syncTerminatingPod(pod: Pod, gracePeriod: number): Promise<void> {
    const uid = pod.metadata.uid ?? '';
    this.prober.removePod(uid);
    await this.runtimeManager.killPod(pod, this.currentStatus(uid), gracePeriod);
    await this.statusManager.setPodStatus(pod, this.generateStatus(pod, this.currentStatus(uid), true));
  }

  /** syncTerminatedPod unmounts volumes and lets the status manager delete a deleted pod's object. */
  async syncTerminatedPod(pod: Pod): Promise<void> {
    const uid = pod.metadata.uid ?? '';
    const latest = this.pods.get(uid) ?? pod;
    this.volumeManager.unmountVolumes(uid);
    await this.statusManager.setPodStatus(latest, this.generateStatus(latest, this.currentStatus(uid), true));
    if (latest.metadata.deletionTimestamp) await this.statusManager.terminated(latest);
  }

  private sandboxConfig(pod: Pod, attempt: number): PodSandboxConfig {
    const spec = pod.spec ?? { containers: [] };
    const ns = pod.metadata.namespace ?? 'default';
    const domain = this.options.clusterDomain ?? 'cluster.local';
    const hostname = spec.hostNetwork ? this.nodeName : (spec.hostname || pod.metadata.name || '').slice(0, 63);
    const policy = spec.dnsPolicy ?? 'ClusterFirst';
    let dnsConfig: PodSandboxConfig['dnsConfig'];
    if (policy === 'None') dnsConfig = { servers: [], searches: [], options: [] };
    else if ((policy === 'ClusterFirst' && !spec.hostNetwork) || policy === 'ClusterFirstWithHostNet') {
      dnsConfig = { servers: [...(this.options.clusterDNS ?? ['10.254.0.10'])], searches: [`${ns}.svc.${domain}`, `svc.${domain}`, domain], options: ['ndots:5'] };
    }
    if (spec.dnsConfig) {
      dnsConfig ??= { servers: [], searches: [], options: [] };
      dnsConfig.servers.push(...(spec.dnsConfig.nameservers ?? []));
      dnsConfig.searches.push(...(spec.dnsConfig.searches ?? []));
      dnsConfig.options.push(...(spec.dnsConfig.options ?? []).map((o) => (o.value !== undefined ? `${o.name}:${o.value}` : o.name ?? '')));
    }
    return {
      metadata: { name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '', namespace: ns, attempt },
      hostname,
      logDirectory: `/var/log/pods/${ns}_${pod.metadata.name}_${pod.metadata.uid}`,
      dnsConfig,
      hostAliases: spec.hostAliases?.map((a) => ({ ip: a.ip, hostnames: a.hostnames ?? [] })),
      hostNetwork: spec.hostNetwork ?? false,
      portMappings: portMappingsOf(pod),
      labels: { 'io.kubernetes.pod.name': pod.metadata.name ?? '', 'io.kubernetes.pod.namespace': ns, 'io.kubernetes.pod.uid': pod.metadata.uid ?? '', ...(pod.metadata.labels ?? {}) },
      annotations: { ...(pod.metadata.annotations ?? {}) },
    };
  }

  // ---- Seams for the kubelet server (logs, exec, port-forward) ----

  /** getPods lists the pods bound to this kubelet (the kubelet server's /pods). */
  getPods(): Pod[] {
    return [...this.pods.values()];
  }

  /** findPod finds a pod this kubelet runs by namespace and name. */
  findPod(namespace: string, name: string): Pod | undefined {
    return [...this.pods.values()].find((p) => p.metadata.namespace === namespace && p.metadata.name === name);
  }

  /** getContainerLogs returns a container's log, or its previous instance's with previous=true. */
  getContainerLogs(namespace: string, podName: string, containerName: string, opts: LogOptions & { previous?: boolean } = {}): string {
    return formatLogs(this.runtime.readLogs(this.logContainerID(namespace, podName, containerName, opts.previous)), opts);
  }

  /** logContainerID is the container whose log a logs request reads (the kubelet server follows it). */
  logContainerID(namespace: string, podName: string, containerName: string, previous = false): string {
    const pod = this.findPod(namespace, podName);
    if (!pod) throw new Error(`pod ${namespace}/${podName} not found`);
    const instances = this.currentStatus(pod.metadata.uid ?? '').containerStatuses.filter((c) => c.metadata.name === containerName);
    const target = previous ? instances[1] : instances[0];
    if (!target) {
      if (previous) throw new Error(`previous terminated container "${containerName}" in pod "${podName}" not found`);
      const reason = this.reasons.get(pod.metadata.uid ?? '', containerName)?.reason ?? 'ContainerCreating';
      throw new Error(`container "${containerName}" in pod "${podName}" is waiting to start: ${reason}`);
    }
    return target.id;
  }

  /** runningContainerID is the ID of a pod's running container (exec and attach need one). */
  runningContainerID(namespace: string, podName: string, containerName: string): string {
    const pod = this.findPod(namespace, podName);
    if (!pod) throw new Error(`pod ${namespace}/${podName} not found`);
    const c = this.currentStatus(pod.metadata.uid ?? '').containerStatuses.find((x) => x.metadata.name === containerName && x.state === 'CONTAINER_RUNNING');
    if (!c) throw new Error(`container ${containerName} is not valid for pod ${podName}`);
    return c.id;
  }

  /** portForward opens a stream to a port inside the pod's network namespace. */
  portForward(namespace: string, podName: string, port: number): StreamSocket {
    const pod = this.findPod(namespace, podName);
    const sb = pod && this.currentStatus(pod.metadata.uid ?? '').sandboxStatuses.find((s) => s.state === 'SANDBOX_READY');
    if (!sb) throw new Error(`pod ${namespace}/${podName} not found`);
    return this.runtime.portForward(sb.id, port);
  }
}
