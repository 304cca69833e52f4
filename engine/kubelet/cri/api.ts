// Mirrors k8s.io/cri-api/pkg/apis/runtime/v1/api.proto and services.go: the RuntimeService and
// ImageService the kubelet drives. Simplified: calls are in-process, times are milliseconds, and a
// container's mounts carry the volume's file tree itself instead of a host path.
import type { TerminalSize } from './tty.js';
import type { FileSystem, Signal } from '../../images/types.js';
import type { NetNamespace } from '../../net/netns.js';
import type { StreamSocket } from '../../net/types.js';
import type { PortMapping } from './hostport.js';

export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';

export interface PodSandboxMetadata {
  name: string;
  uid: string;
  namespace: string;
  attempt: number;
}

export interface DNSConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

export interface PodSandboxConfig {
  metadata: PodSandboxMetadata;
  hostname: string;
  logDirectory: string;
  dnsConfig?: DNSConfig;
  /** hostAliases become extra /etc/hosts lines. */
  hostAliases?: { ip: string; hostnames: string[] }[];
  hostNetwork?: boolean;
  /** portMappings are the pod's hostPorts (CRI's PodSandboxConfig.port_mappings). */
  portMappings?: PortMapping[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface PodSandboxStatus {
  id: string;
  metadata: PodSandboxMetadata;
  state: PodSandboxState;
  createdAt: number;
  network: { ip: string };
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ContainerMetadata {
  name: string;
  attempt: number;
}

export interface Mount {
  containerPath: string;
  /** fs is the volume's tree (a host path upstream). */
  fs: FileSystem;
  readonly: boolean;
}

export interface ContainerConfig {
  metadata: ContainerMetadata;
  image: { image: string };
  command?: string[];
  args?: string[];
  workingDir?: string;
  envs: { key: string; value: string }[];
  mounts: Mount[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  logPath: string;
  /** linux.resources: memory limit in bytes (0 none) and cpu in millicores (accounting only). */
  memoryLimitInBytes?: number;
  cpuMillis?: number;
  /** stdin, stdinOnce and tty are the container's stdio as the pod spec asks for it. */
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
}

export interface ContainerStatus {
  id: string;
  podSandboxId: string;
  metadata: ContainerMetadata;
  state: ContainerState;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  image: { image: string };
  imageRef: string;
  reason: string;
  message: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  logPath: string;
}

export interface ContainerFilter {
  id?: string;
  podSandboxId?: string;
  state?: ContainerState;
  labelSelector?: Record<string, string>;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ExecOptions {
  stdin?: string | ReadableStream<Uint8Array>;
  stdout?: (chunk: Uint8Array | string) => void;
  stderr?: (chunk: Uint8Array | string) => void;
  env?: Record<string, string>;
  /** tty runs the command on a terminal of its own: stdin is keystrokes, stderr joins stdout. */
  tty?: boolean;
  /** resize carries the client's terminal sizes (with tty). */
  resize?: ReadableStream<TerminalSize>;
}

export interface ContainerStats {
  id: string;
  timestamp: number;
  /** cpu: cumulative core-nanoseconds and the current rate in nano cores. */
  cpu: { usageCoreNanoSeconds: number; usageNanoCores: number };
  memory: { workingSetBytes: number; usageBytes: number; peakBytes: number; limitBytes: number };
}

/** ContainerEvent is what GetContainerEvents streams (the evented PLEG's input). */
export interface ContainerEvent {
  containerId: string;
  podSandboxId: string;
  type: 'CONTAINER_CREATED_EVENT' | 'CONTAINER_STARTED_EVENT' | 'CONTAINER_STOPPED_EVENT' | 'CONTAINER_DELETED_EVENT';
  createdAt: number;
}

export interface LogEntry {
  time: number;
  stream: 'stdout' | 'stderr';
  line: string;
}

export interface RuntimeService {
  version(): { runtimeName: string; runtimeVersion: string; runtimeApiVersion: string };
  runPodSandbox(config: PodSandboxConfig): Promise<string>;
  stopPodSandbox(id: string): Promise<void>;
  removePodSandbox(id: string): Promise<void>;
  podSandboxStatus(id: string): PodSandboxStatus;
  listPodSandbox(filter?: { state?: PodSandboxState; labelSelector?: Record<string, string> }): PodSandboxStatus[];
  createContainer(podSandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** stopContainer sends SIGTERM and SIGKILL after timeout seconds; resolves once it exited. */
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  listContainers(filter?: ContainerFilter): ContainerStatus[];
  containerStatus(id: string): ContainerStatus;
  /** execSync runs cmd in the container and collects its output (exec probes, hooks). */
  execSync(id: string, cmd: string[], timeoutSeconds: number): Promise<ExecResult>;
  /** exec runs cmd with streams (kubectl exec); resolves with the exit code. */
  exec(id: string, cmd: string[], options: ExecOptions): Promise<number>;
  /** portForward opens a stream to a port of the sandbox's network namespace. */
  portForward(podSandboxId: string, port: number): StreamSocket;
  /** signalContainer delivers a signal to the main process (kill -s upstream). */
  signalContainer(id: string, signal: Signal): void;
  containerStats(id: string): ContainerStats | undefined;
  /** readLogs returns a container's log entries (the CRI log file). */
  readLogs(id: string): LogEntry[];
  /** sandboxNetNamespace gives probes and port-forward the pod's network namespace. */
  sandboxNetNamespace(id: string): NetNamespace | undefined;
  getContainerEvents(listener: (e: ContainerEvent) => void): () => void;
}

export interface Image {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
}

export interface ImageService {
  listImages(): Image[];
  imageStatus(image: string): Image | undefined;
  /** pullImage returns the image reference (imageRef); throws with containerd's message on failure. */
  pullImage(image: string): Promise<string>;
  removeImage(image: string): void;
}
