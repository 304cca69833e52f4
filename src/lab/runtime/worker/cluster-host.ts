// The cluster a Worker runtime hosts: a whole Kubelab cluster (API server over a persistent log,
// controllers, scheduler, DNS, nodes with kubelets and kube-proxies on the virtual dataplane), and
// the lab's terminal — the engine's shell with kubectl, etcdctl, kubelab and busybox's tools — over
// the lab's files, all in-process. Free of Worker APIs so tests drive it directly.
import { Cluster } from '../../../../engine/cluster/cluster.js';
import { netnsListener, type NetnsListener } from '../../../../engine/cluster/netns-listen.js';
import type { LogStorage } from '../../../../engine/etcd/wal/log-storage.js';
import { clusterTarget, grade as gradeLab, type CheckResult, type GradeReport, type Lab, type Locale } from '../../../../engine/grader/index.js';
import { MemFileSystem } from '../../../../engine/images/fs/mem-fs.js';
import { dirname, resolvePath } from '../../../../engine/images/fs/path.js';
import type { Clock } from '../../../../engine/util/clock.js';
import type { ClusterSnapshot } from '../../cluster-view/snapshot.js';
import { CHECK_TIMEOUT_MS, DEFAULT_NODES, HOME, type BootProgress, type BootResult, type LabClusterOptions, type PreviewRequest, type PreviewResponse } from '../types.js';
import { watchCluster } from './cluster-watch.js';
import { LabShell, needsMore, type LineOutput } from './lab-shell.js';
import { fetchThroughDataplane } from './preview-fetch.js';
import { API_SERVER, terminalCommands, type LineTerminal } from './terminal-commands.js';

export interface ClusterHostOptions {
  clock: Clock;
  /** openStorage opens the lab's persistent log (IndexedDB in the browser). */
  openStorage: () => Promise<LogStorage>;
  /** destroyStorage deletes it (Reset lab); the storage is closed first. */
  destroyStorage: () => Promise<void>;
  /** files are the lab's starter files, relative to the home folder. */
  files?: Record<string, string>;
  /** cluster are the lab's cluster options (3 nodes by default). */
  cluster?: LabClusterOptions;
  /** onError hears the cluster components' errors (the worker logs them to the console). */
  onError?: (component: string, err: unknown) => void;
}

export type Output = LineOutput;

/** MORE is what run answers for an unfinished line: the terminal asks for the next one. */
export const MORE = 'more';

const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: kubelab
  cluster:
    server: ${API_SERVER}
contexts:
- name: kubelab
  context:
    cluster: kubelab
    user: learner
current-context: kubelab
users:
- name: learner
  user: {}
`;

export class ClusterHost {
  /** fs holds the lab's files: the home folder with the starter files and the kubeconfig. */
  readonly fs: MemFileSystem;
  private running?: Cluster;
  readonly shell: LabShell;
  /** lateProgress keeps boot steps that ended after boot returned, until a watch hears them. */
  private readonly lateProgress: BootProgress[] = [];
  private lateListener?: (p: BootProgress) => void;
  /** servers are the terminal's servers on the running cluster's master (kubectl proxy). */
  private servers?: { cluster: Cluster; listener: NetnsListener };
  /** serversChanged re-posts the cluster picture when a terminal server opens or closes. */
  private serversChanged = () => {};
  /** terminal is the page's terminal for the line running now. */
  private terminal?: LineTerminal;

  constructor(private readonly options: ClusterHostOptions) {
    this.fs = new MemFileSystem({ now: () => options.clock.now() });
    for (const dir of [HOME, '/tmp']) this.fs.mkdir(dir, { recursive: true });
    this.writeFile(`${HOME}/.kube/config`, kubeconfig);
    for (const [path, text] of Object.entries(options.files ?? {})) this.writeFile(path, text);
    const commands = terminalCommands({ fs: this.fs, clock: options.clock, cluster: () => this.cluster(), listen: (address, port, handler) => this.listener().listen(address, port, handler),
      listenTCP: (address, port, onConnection) => this.listener().listenTCP(address, port, onConnection),
      terminal: () => this.terminal,
    });
    const env = { HOME, USER: 'learner', SHELL: '/bin/sh', PATH: '/usr/local/bin:/usr/bin:/bin', KUBECONFIG: `${HOME}/.kube/config` };
    this.shell = new LabShell(this.fs, commands, env, HOME);
  }

  /**
   * boot opens the storage and starts the cluster, reporting each step as the cluster does it, and
   * returns once every node's kubelet has posted Ready: kubectl works from then on. Steps that end
   * later (cluster DNS, a moment after) reach the cluster watch.
   */
  async boot(onProgress: (p: BootProgress) => void): Promise<BootResult> {
    let prompted = false;
    let cluster: Cluster | undefined;
    const forward = (p: BootProgress) => {
      if (cluster && this.running !== cluster) return; // closed or reset meanwhile
      if (p.step === 'storage' && p.state === 'active') return; // said already, before the lab lock
      if (prompted) this.reportLate(p);
      else onProgress(p);
    };
    onProgress({ step: 'storage', state: 'active' });
    const storage = await this.options.openStorage();
    cluster = await Cluster.start({
      clock: this.options.clock,
      nodes: this.options.cluster?.nodes ?? DEFAULT_NODES,
      proxyMode: this.options.cluster?.proxyMode,
      network: this.options.cluster?.network,
      persistence: storage,
      ready: 'nodes',
      onProgress: forward,
      onError: (component, err) => this.options.onError?.(component, err),
    });
    this.running = cluster;
    const { recovery } = cluster.plane;
    prompted = true;
    onProgress({ step: 'shell', state: 'done' });
    return { restored: recovery.recordsReplayed > 0 || recovery.snapshotIndex > 0 };
  }

  /**
   * watch posts the cluster's picture to onSnapshot as it changes, and the boot steps that end
   * after the prompt to onProgress; the result stops it.
   */
  watch(onSnapshot: (snapshot: ClusterSnapshot) => void, onProgress: (p: BootProgress) => void = () => {}): () => Promise<void> {
    const cluster = this.cluster();
    this.lateListener = onProgress;
    for (const p of this.lateProgress.splice(0)) onProgress(p);
    let last: ClusterSnapshot | undefined;
    const post = () => {
      if (!last) return;
      const servers = this.servers?.cluster === cluster ? this.servers.listener.open() : [];
      onSnapshot(servers.length > 0 ? { ...last, servers } : last);
    };
    this.serversChanged = post;
    return watchCluster({ client: cluster.client, clock: this.options.clock, master: { name: cluster.master.name, ip: cluster.master.ip }, onSnapshot: (s) => ((last = s), post()) });
  }

  /** listener is where the terminal's servers listen: the running cluster's master machine. */
  private listener(): NetnsListener {
    const cluster = this.cluster();
    if (this.servers?.cluster !== cluster) this.servers = { cluster, listener: netnsListener(cluster.master.host.stack, () => this.serversChanged()) };
    return this.servers.listener;
  }

  private reportLate(p: BootProgress): void {
    if (this.lateListener) this.lateListener(p);
    else this.lateProgress.push(p);
  }

  /** fetch sends a preview's HTTP request from the master machine into the lab's network. */
  fetch(request: PreviewRequest): Promise<PreviewResponse> {
    const cluster = this.cluster();
    return fetchThroughDataplane({ netns: cluster.master.host, clock: this.options.clock }, request);
  }

  /**
   * grade runs the lab's checks against the running cluster as it is now, retrying failing ones
   * for a few seconds (they may be converging), and reports each result as it is known.
   */
  grade(lab: Lab, locale: Locale, onResult: (result: CheckResult) => void = () => {}, timeoutMs = CHECK_TIMEOUT_MS): Promise<GradeReport> {
    return gradeLab(lab, clusterTarget(this.cluster()), { locale, timeoutMs, onResult });
  }

  /** run runs a command line and returns its exit code, or MORE when the line is unfinished. */
  async run(line: string, out: Output, signal: AbortSignal, terminal?: LineTerminal): Promise<number | typeof MORE> {
    if (needsMore(line)) return MORE;
    this.terminal = terminal;
    try {
      return await this.shell.run(line, out, signal);
    } finally {
      this.terminal = undefined;
    }
  }

  /** resolve turns a path relative to the home folder into an absolute one. */
  resolve(path: string): string {
    return resolvePath(HOME, path || '.');
  }

  /** writeFile writes a lab file (relative to the home folder), creating its folders. */
  writeFile(path: string, text: string): void {
    const abs = this.resolve(path);
    this.fs.mkdir(dirname(abs), { recursive: true });
    this.fs.writeFile(abs, text);
  }

  /** readFile reads a lab file, or undefined when there is none. */
  readFile(path: string): string | undefined {
    const abs = this.resolve(path);
    return this.fs.stat(abs)?.type === 'file' ? this.fs.readText(abs) : undefined;
  }

  /** listFiles lists the files under the home folder, relative to it. */
  listFiles(dir = HOME, prefix = ''): string[] {
    return this.fs.readdir(dir).sort().flatMap((name) => {
      const abs = `${dir}/${name}`;
      return this.fs.stat(abs)?.type === 'dir' ? this.listFiles(abs, `${prefix}${name}/`) : [`${prefix}${name}`];
    });
  }

  /** reset stops the cluster and deletes its saved state; boot starts a new one. */
  async reset(): Promise<void> {
    await this.close();
    await this.options.destroyStorage();
  }

  async close(): Promise<void> {
    const cluster = this.running;
    this.running = undefined;
    await cluster?.stop();
  }

  /** cluster returns the running cluster; it throws when there is none. */
  cluster(): Cluster {
    if (!this.running) throw new Error('the cluster is not running');
    return this.running;
  }
}
