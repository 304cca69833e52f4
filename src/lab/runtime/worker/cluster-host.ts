// The cluster a Worker runtime hosts: the control plane over a persistent log, and the lab's
// terminal — the engine's shell with kubectl, etcdctl, kubelab and busybox's tools — over the lab's
// files, all against the in-process transport. Free of Worker APIs so tests drive it directly.
import { startControlPlane, type ControlPlane } from '../../../../engine/controlplane/instance.js';
import type { LogStorage } from '../../../../engine/etcd/wal/log-storage.js';
import { MemFileSystem } from '../../../../engine/images/fs/mem-fs.js';
import { dirname, resolvePath } from '../../../../engine/images/fs/path.js';
import type { Clock } from '../../../../engine/util/clock.js';
import { HOME, type BootProgress, type BootResult } from '../types.js';
import { LabShell, needsMore, type LineOutput } from './lab-shell.js';
import { API_SERVER, terminalCommands } from './terminal-commands.js';

export interface ClusterHostOptions {
  clock: Clock;
  /** openStorage opens the lab's persistent log (IndexedDB in the browser). */
  openStorage: () => Promise<LogStorage>;
  /** destroyStorage deletes it (Reset lab); the storage is closed first. */
  destroyStorage: () => Promise<void>;
  /** files are the lab's starter files, relative to the home folder. */
  files?: Record<string, string>;
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
  private cp?: ControlPlane;
  readonly shell: LabShell;

  constructor(private readonly options: ClusterHostOptions) {
    this.fs = new MemFileSystem({ now: () => options.clock.now() });
    for (const dir of [HOME, '/tmp']) this.fs.mkdir(dir, { recursive: true });
    this.writeFile(`${HOME}/.kube/config`, kubeconfig);
    for (const [path, text] of Object.entries(options.files ?? {})) this.writeFile(path, text);
    const commands = terminalCommands({ fs: this.fs, clock: options.clock, controlPlane: () => this.controlPlane() });
    const env = { HOME, USER: 'learner', SHELL: '/bin/sh', PATH: '/usr/local/bin:/usr/bin:/bin', KUBECONFIG: `${HOME}/.kube/config` };
    this.shell = new LabShell(this.fs, commands, env, HOME);
  }

  /** boot opens the storage, replays it and starts the control plane. */
  async boot(onProgress: (p: BootProgress) => void): Promise<BootResult> {
    onProgress({ step: 'storage', state: 'active' });
    const storage = await this.options.openStorage();
    onProgress({ step: 'storage', state: 'done' });
    onProgress({ step: 'control-plane', state: 'active' });
    this.cp = await startControlPlane({ clock: this.options.clock, persistence: storage });
    const replayed = this.cp.recovery.recordsReplayed;
    // A fresh store replays nothing; the bootstrap's own writes come after recovery.
    const restored = replayed > 0 || this.cp.recovery.snapshotIndex > 0;
    onProgress({ step: 'control-plane', state: 'done', detail: restored ? `replayed ${replayed} log records` : 'new cluster' });
    onProgress({ step: 'shell', state: 'done' });
    return { restored };
  }

  /** run runs a command line and returns its exit code, or MORE when the line is unfinished. */
  async run(line: string, out: Output, signal: AbortSignal): Promise<number | typeof MORE> {
    if (needsMore(line)) return MORE;
    return this.shell.run(line, out, signal);
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
    const cp = this.cp;
    this.cp = undefined;
    await cp?.close();
  }

  private controlPlane(): ControlPlane {
    if (!this.cp) throw new Error('the cluster is not running');
    return this.cp;
  }
}
