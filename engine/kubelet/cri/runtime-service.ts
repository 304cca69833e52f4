// Mirrors containerd's CRI runtime service (internal/cri/server: sandbox_run.go, container_create.go,
// container_start.go, container_stop.go, container_execsync.go): a sandbox is a pause process in a
// network namespace set up like the CNI bridge plugin does (chained with portmap for hostPorts),
// containers are processes of built-in images with a private root layer, volume mounts, a memory
// cgroup and a log. Simplified: one process per container (plus exec'd children), no shim, no
// checkpoint, nothing survives a restart.
import type { Clock } from '../../util/clock.js';
import type { Machine } from '../../net/machine.js';
import type { NetNamespace } from '../../net/netns.js';
import type { StreamSocket } from '../../net/types.js';
import type { Signal } from '../../images/types.js';
import { ContainerFileSystem, newImageLayer } from '../../images/fs/container-fs.js';
import { containerArgv, startProcess, type Process } from '../../images/process.js';
import { pauseImage } from '../../images/pause/image.js';
import { sha256Hex } from '../../images/lib/sha256.js';
import type {
  ContainerConfig, ContainerEvent, ContainerFilter, ContainerStats, ContainerStatus, ExecOptions, ExecResult,
  LogEntry, PodSandboxConfig, PodSandboxState, PodSandboxStatus, RuntimeService,
} from './api.js';
import { ContainerIO, readSizes, type AttachOptions } from './container-io.js';
import { Terminal } from './tty.js';
import { markTerminal } from '../../shell/io.js';
import { ContainerLog } from './container-log.js';
import { sandboxPortForward } from './sandbox-portforward.js';
import { containerResolver } from './resolver.js';
import type { LocalImageService } from './image-service.js';
import { etcHosts, resolvConf } from './etc-files.js';
import { forwardPorts, toCNIPortMappings, unforwardPorts, type PodSandboxPorts } from './hostport.js';

interface Sandbox {
  id: string;
  config: PodSandboxConfig;
  state: PodSandboxState;
  createdAt: number;
  netns: NetNamespace;
  ip: string;
  pause: Process;
  /** portMapped is set while the portmap plugin holds a CNI-DN chain for the sandbox. */
  portMapped?: boolean;
}

interface Container {
  status: ContainerStatus;
  config: ContainerConfig;
  fs: ContainerFileSystem;
  log: ContainerLog;
  /** io is the running process's stdio (attach joins it). */
  io?: ContainerIO;
  process?: Process;
  /** cpuNanos accumulates CPU accounting while running (no real CPU time exists here). */
  cpuNanos: number;
  cpuSince: number;
}

/** idleNanoCores is the CPU a running container is accounted to use (1 millicore). */
const idleNanoCores = 1_000_000;

export class ContainerdRuntime implements RuntimeService {
  private readonly sandboxes = new Map<string, Sandbox>();
  private readonly containers = new Map<string, Container>();
  private readonly listeners = new Set<(e: ContainerEvent) => void>();
  private seq = 0;

  constructor(
    private readonly machine: Machine,
    private readonly images: LocalImageService,
    private readonly clock: Clock,
  ) {}

  version() {
    return { runtimeName: 'containerd', runtimeVersion: 'v1.7.24-kubelab', runtimeApiVersion: 'v1' };
  }

  private newId(kind: string): string {
    return sha256Hex(`${kind}/${this.machine.name}/${++this.seq}/${this.clock.now()}`);
  }

  async runPodSandbox(config: PodSandboxConfig): Promise<string> {
    const id = this.newId('sandbox');
    let netns: NetNamespace;
    let ip: string;
    let portMapped = false;
    if (config.hostNetwork) {
      netns = this.machine.host;
      ip = this.machine.ip;
    } else {
      // CNI ADD: fails when the node has no pod CIDR yet (upstream: "network is not ready").
      const net = this.machine.setUpPod(id);
      netns = net.netns;
      ip = net.ip;
      portMapped = this.setUpHostPorts(id, config, ip);
    }
    const fs = new ContainerFileSystem(newImageLayer(pauseImage, pauseImage.tags[0]!, () => this.clock.now()));
    const pause = startProcess({ image: pauseImage, argv: ['pause'], fs, net: netns.stack, resolver: containerResolver(fs, netns, this.clock), clock: this.clock, hostname: config.hostname });
    this.sandboxes.set(id, { id, config, state: 'SANDBOX_READY', createdAt: this.clock.now(), netns, ip, pause, portMapped });
    return id;
  }

  /** setUpHostPorts runs the portmap plugin chained after the bridge plugin (same CNI ADD). */
  private setUpHostPorts(id: string, config: PodSandboxConfig & PodSandboxPorts, ip: string): boolean {
    const portMappings = toCNIPortMappings(config.portMappings ?? []);
    if (portMappings.length === 0) return false;
    try {
      return forwardPorts(this.machine.host.netfilter, { network: this.networkName(), containerID: id, portMappings }, ip) !== undefined;
    } catch (err) {
      // A failed chained plugin fails the whole ADD; containerd then runs DEL for every plugin.
      unforwardPorts(this.machine.host.netfilter, { network: this.networkName(), containerID: id });
      this.machine.tearDownPod(id);
      throw new Error(`rpc error: code = Unknown desc = failed to setup network for sandbox "${id}": plugin type="portmap" failed (add): ${(err as Error).message}`);
    }
  }

  /** networkName is the CNI network's name: the bridge's, as flannel's "cbr0" conflist has it. */
  private networkName(): string {
    return this.machine.bridge?.name ?? 'cbr0';
  }

  async stopPodSandbox(id: string): Promise<void> {
    const sb = this.sandboxes.get(id);
    if (!sb) return;
    await Promise.all(this.listContainers({ podSandboxId: id, state: 'CONTAINER_RUNNING' }).map((c) => this.stopContainer(c.id, 0)));
    sb.pause.kill('SIGKILL');
    if (sb.portMapped) {
      sb.portMapped = false;
      unforwardPorts(this.machine.host.netfilter, { network: this.networkName(), containerID: id });
    }
    if (!sb.config.hostNetwork) this.machine.tearDownPod(id);
    sb.state = 'SANDBOX_NOTREADY';
  }

  async removePodSandbox(id: string): Promise<void> {
    await this.stopPodSandbox(id);
    for (const c of this.listContainers({ podSandboxId: id })) await this.removeContainer(c.id);
    this.sandboxes.delete(id);
  }

  podSandboxStatus(id: string): PodSandboxStatus {
    const sb = this.sandboxes.get(id);
    if (!sb) throw new Error(`rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found`);
    return { id, metadata: sb.config.metadata, state: sb.state, createdAt: sb.createdAt, network: { ip: sb.state === 'SANDBOX_READY' ? sb.ip : '' }, labels: sb.config.labels, annotations: sb.config.annotations };
  }

  listPodSandbox(filter: { state?: PodSandboxState; labelSelector?: Record<string, string> } = {}): PodSandboxStatus[] {
    return [...this.sandboxes.keys()].map((id) => this.podSandboxStatus(id)).filter((s) => (!filter.state || s.state === filter.state) && matches(s.labels, filter.labelSelector));
  }

  sandboxNetNamespace(id: string): NetNamespace | undefined {
    return this.sandboxes.get(id)?.netns;
  }

  async createContainer(podSandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig): Promise<string> {
    const sb = this.sandboxes.get(podSandboxId);
    if (!sb || sb.state !== 'SANDBOX_READY') throw new Error(`rpc error: code = Unknown desc = failed to get sandbox "${podSandboxId}": not ready`);
    const resolved = this.images.resolve(config.image.image);
    if (!resolved) throw new Error(`rpc error: code = NotFound desc = failed to get image "${config.image.image}": not found`);
    const fs = new ContainerFileSystem(newImageLayer(resolved.image, resolved.tag, () => this.clock.now()));
    fs.writeFile('/etc/hosts', etcHosts(sandboxConfig, sb.ip));
    fs.writeFile('/etc/hostname', `${sandboxConfig.hostname}\n`);
    if (sandboxConfig.dnsConfig) fs.writeFile('/etc/resolv.conf', resolvConf(sandboxConfig.dnsConfig));
    fs.mkdir('/dev', { recursive: true });
    for (const m of config.mounts) fs.mount(m.containerPath, m.fs, { readOnly: m.readonly });
    const id = this.newId(`container/${config.metadata.name}`);
    const now = this.clock.now();
    this.containers.set(id, {
      config,
      fs,
      log: new ContainerLog(this.clock),
      cpuNanos: 0,
      cpuSince: now,
      status: {
        id, podSandboxId, metadata: config.metadata, state: 'CONTAINER_CREATED', createdAt: now, startedAt: 0, finishedAt: 0, exitCode: 0,
        image: config.image, imageRef: resolved.pulled.id, reason: '', message: '', labels: config.labels, annotations: config.annotations, logPath: config.logPath,
      },
    });
    this.emit(id, podSandboxId, 'CONTAINER_CREATED_EVENT');
    return id;
  }

  async startContainer(id: string): Promise<void> {
    const c = this.mustGet(id);
    if (c.status.state !== 'CONTAINER_CREATED') throw new Error(`rpc error: code = Unknown desc = container ${id} is not in created state`);
    const sb = this.sandboxes.get(c.status.podSandboxId)!;
    const resolved = this.images.resolve(c.config.image.image)!;
    const argv = containerArgv(resolved.image, c.config.command, c.config.args);
    const env: Record<string, string> = { ...resolved.image.config.env };
    // containerd's WithTTY: a container with a terminal gets TERM=xterm.
    if (c.config.tty) env.TERM = 'xterm';
    for (const e of c.config.envs) env[e.key] = e.value;
    const io = new ContainerIO(c.config, { stdout: c.log.writer('stdout'), stderr: c.log.writer('stderr') });
    c.io = io;
    const proc = startProcess({
      image: resolved.image,
      argv,
      env,
      cwd: c.config.workingDir || resolved.image.config.workingDir || '/',
      hostname: sb.config.hostname,
      fs: c.fs,
      net: sb.netns.stack,
      resolver: containerResolver(c.fs, sb.netns, this.clock),
      clock: this.clock,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      memoryLimitBytes: c.config.memoryLimitInBytes ?? 0,
    });
    c.process = proc;
    io.setForeground((signal) => proc.kill(signal));
    const early = proc.exitStatus;
    if (early?.reason === 'StartError') {
      // runc could not exec the entrypoint: the container is created but never ran.
      const now = this.clock.now();
      Object.assign(c.status, { state: 'CONTAINER_EXITED', startedAt: now, finishedAt: now, exitCode: 128, reason: 'StartError', message: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${early.message}: unknown` });
      this.emit(id, c.status.podSandboxId, 'CONTAINER_STOPPED_EVENT');
      throw new Error(`rpc error: code = Unknown desc = ${c.status.message}`);
    }
    Object.assign(c.status, { state: 'CONTAINER_RUNNING', startedAt: this.clock.now() });
    c.cpuSince = this.clock.now();
    this.emit(id, c.status.podSandboxId, 'CONTAINER_STARTED_EVENT');
    void proc.done.then((exit) => {
      io.close();
      c.log.close();
      this.accountCpu(c);
      Object.assign(c.status, { state: 'CONTAINER_EXITED', finishedAt: this.clock.now(), exitCode: exit.exitCode, reason: exit.reason === 'StartError' ? 'Error' : exit.reason, message: exit.message ?? '' });
      this.emit(id, c.status.podSandboxId, 'CONTAINER_STOPPED_EVENT');
    });
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const c = this.containers.get(id);
    const proc = c?.process;
    if (!c || !proc || c.status.state !== 'CONTAINER_RUNNING') return;
    if (timeoutSeconds > 0) {
      proc.kill('SIGTERM');
      let timer: { stop(): void } | undefined;
      const expired = new Promise<'timeout'>((resolve) => (timer = this.clock.setTimer(timeoutSeconds * 1000, () => resolve('timeout'))));
      const outcome = await Promise.race([proc.done, expired]);
      timer?.stop();
      if (outcome !== 'timeout') return void (await this.settled(c));
    }
    proc.kill('SIGKILL');
    await proc.done;
    await this.settled(c);
  }

  /** settled waits for the exit bookkeeping chained on the process (same job queue). */
  private async settled(c: Container): Promise<void> {
    for (let i = 0; i < 5 && c.status.state === 'CONTAINER_RUNNING'; i++) await Promise.resolve();
  }

  async removeContainer(id: string): Promise<void> {
    const c = this.containers.get(id);
    if (!c) return;
    c.process?.kill('SIGKILL');
    this.containers.delete(id);
    this.emit(id, c.status.podSandboxId, 'CONTAINER_DELETED_EVENT');
  }

  listContainers(filter: ContainerFilter = {}): ContainerStatus[] {
    const out: ContainerStatus[] = [];
    for (const c of this.containers.values()) {
      const s = c.status;
      if (filter.id && s.id !== filter.id) continue;
      if (filter.podSandboxId && s.podSandboxId !== filter.podSandboxId) continue;
      if (filter.state && s.state !== filter.state) continue;
      if (!matches(s.labels, filter.labelSelector)) continue;
      out.push({ ...s });
    }
    return out;
  }

  containerStatus(id: string): ContainerStatus {
    return { ...this.mustGet(id).status };
  }

  async execSync(id: string, cmd: string[], timeoutSeconds: number): Promise<ExecResult> {
    let stdout = '';
    let stderr = '';
    const dec = new TextDecoder();
    const text = (chunk: Uint8Array | string) => (typeof chunk === 'string' ? chunk : dec.decode(chunk));
    const c = this.mustGet(id);
    if (!c.process || c.status.state !== 'CONTAINER_RUNNING') throw new Error(`rpc error: code = Unknown desc = container is not created or running`);
    const child = c.process.child(cmd, { stdout: (x) => (stdout += text(x)), stderr: (x) => (stderr += text(x)) });
    if (child.exitStatus?.reason === 'StartError') return { stdout, stderr: `${child.exitStatus.message}\n`, exitCode: 127 };
    let timer: { stop(): void } | undefined;
    const expired = new Promise<'timeout'>((resolve) => (timer = this.clock.setTimer(Math.max(1, timeoutSeconds) * 1000, () => resolve('timeout'))));
    const outcome = await Promise.race([child.done, expired]);
    timer?.stop();
    if (outcome === 'timeout') {
      child.kill('SIGKILL');
      throw Object.assign(new Error(`command ${JSON.stringify(cmd.join(' '))} timed out`), { timeout: true });
    }
    return { stdout, stderr, exitCode: outcome.exitCode };
  }

  async exec(id: string, cmd: string[], options: ExecOptions): Promise<number> {
    const c = this.mustGet(id);
    if (!c.process || c.status.state !== 'CONTAINER_RUNNING') throw new Error(`rpc error: code = Unknown desc = container not running (${id})`);
    if (options.tty) return this.execTTY(c.process, cmd, options);
    const status = await c.process.spawn(cmd, { stdin: options.stdin, stdout: options.stdout, stderr: options.stderr, env: options.env });
    return status.exitCode;
  }

  /**
   * execTTY runs an exec on a terminal of its own (runc's console for the process): the client's
   * keystrokes go through the line discipline, output comes back with "\r\n" on one stream, ^C
   * signals the process, and the client's end of input hangs the terminal up.
   */
  private async execTTY(main: Process, cmd: string[], options: ExecOptions): Promise<number> {
    const out = options.stdout ?? (() => undefined);
    const term = new Terminal((text) => out(text));
    const child = main.child(cmd, { stdin: markTerminal(term.stdin), stdout: term.output, stderr: term.output, env: { TERM: 'xterm', ...options.env } });
    if (child.exitStatus?.reason === 'StartError') {
      term.output(`${child.exitStatus.message}\n`);
      return 127;
    }
    term.foreground = (signal) => child.kill(signal);
    if (options.resize) void readSizes(options.resize, (size) => term.resize(size));
    const input = typeof options.stdin === 'string' ? new Response(options.stdin).body! : options.stdin;
    if (input) {
      void (async () => {
        const reader = input.getReader();
        for (;;) {
          const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
          if (done) break;
          term.input(value);
        }
        term.hangup();
      })();
    } else term.hangup();
    return (await child.done).exitCode;
  }

  /** attach joins a client to a running container's stdio until one of them lets go (cri Attach). */
  async attach(id: string, options: AttachOptions): Promise<void> {
    const c = this.mustGet(id);
    if (!c.io || c.status.state !== 'CONTAINER_RUNNING') throw new Error(`rpc error: code = Unknown desc = container ${id} is in ${c.status.state} state`);
    if (options.stdin && !c.config.stdin) throw new Error('rpc error: code = Unknown desc = stdin of container is not enabled');
    await c.io.attach(options);
  }

  portForward(podSandboxId: string, port: number): StreamSocket {
    const sb = this.sandboxes.get(podSandboxId);
    if (!sb) throw new Error(`rpc error: code = NotFound desc = failed to find sandbox "${podSandboxId}"`);
    return sandboxPortForward(sb.netns.stack.connect({ host: '127.0.0.1', port }), podSandboxId, port);
  }

  signalContainer(id: string, signal: Signal): void {
    this.containers.get(id)?.process?.kill(signal);
  }

  containerStats(id: string): ContainerStats | undefined {
    const c = this.containers.get(id);
    if (!c || c.status.state !== 'CONTAINER_RUNNING' || !c.process) return undefined;
    this.accountCpu(c);
    const mem = c.process.memoryUsage();
    return {
      id,
      timestamp: this.clock.now(),
      cpu: { usageCoreNanoSeconds: c.cpuNanos, usageNanoCores: idleNanoCores },
      memory: { workingSetBytes: mem.usage, usageBytes: mem.usage, peakBytes: mem.peak, limitBytes: mem.limit },
    };
  }

  readLogs(id: string): LogEntry[] {
    return [...(this.containers.get(id)?.log.entries ?? [])];
  }

  getContainerEvents(listener: (e: ContainerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** processOf exposes a container's main process (the stats provider's cgroup reader). */
  processOf(id: string): Process | undefined {
    return this.containers.get(id)?.process;
  }

  private accountCpu(c: Container): void {
    const now = this.clock.now();
    if (c.status.state === 'CONTAINER_RUNNING') c.cpuNanos += ((now - c.cpuSince) / 1000) * idleNanoCores;
    c.cpuSince = now;
  }

  private mustGet(id: string): Container {
    const c = this.containers.get(id);
    if (!c) throw new Error(`rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
    return c;
  }

  private emit(containerId: string, podSandboxId: string, type: ContainerEvent['type']): void {
    const e: ContainerEvent = { containerId, podSandboxId, type, createdAt: this.clock.now() };
    for (const l of [...this.listeners]) l(e);
  }
}

function matches(labels: Record<string, string>, selector: Record<string, string> | undefined): boolean {
  return !selector || Object.entries(selector).every(([k, v]) => labels[k] === v);
}
