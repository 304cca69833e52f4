// The cluster a Worker runtime hosts: the control plane over a persistent log, and the command line
// (kubectl, etcdctl, kubelab and a few built-ins) run against its in-process transport. Free of
// Worker APIs so tests drive it directly.
import { startControlPlane, type ControlPlane } from '../../../../engine/controlplane/instance.js';
import type { LogStorage } from '../../../../engine/etcd/wal/log-storage.js';
import { runEtcdctl } from '../../../../engine/etcd/etcdctl/ctl.js';
import { runKubectl } from '../../../../engine/kubectl/cmd/cmd.js';
import { memoryFiles, type FileAccess } from '../../../../engine/kubectl/cmd/util/io.js';
import type { Clock } from '../../../../engine/util/clock.js';
import { HOME, type BootProgress, type BootResult } from '../types.js';
import { runLine, type CommandIO, type Program } from './line-runner.js';
import { builtins } from './builtins.js';

export interface ClusterHostOptions {
  clock: Clock;
  /** openStorage opens the lab's persistent log (IndexedDB in the browser). */
  openStorage: () => Promise<LogStorage>;
  /** destroyStorage deletes it (Reset lab); the storage is closed first. */
  destroyStorage: () => Promise<void>;
  /** files are the lab's starter files, relative to the home folder. */
  files?: Record<string, string>;
}

export interface Output {
  stdout(s: string): void;
  stderr(s: string): void;
}

const API_SERVER = 'http://127.0.0.1:8080';

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
  readonly files = memoryFiles();
  /** fileAccess is what commands see: paths relative to the home folder, as a shell there would. */
  readonly fileAccess: FileAccess = {
    readFile: (p) => this.files.readFile(this.resolve(p)),
    writeFile: (p, d) => this.files.writeFile(this.resolve(p), d),
    stat: (p) => this.files.stat(this.resolve(p)),
    readDir: (p) => this.files.readDir(this.resolve(p)),
  };
  private cp?: ControlPlane;
  private readonly env: Record<string, string> = { HOME, USER: 'learner', PWD: HOME, KUBECONFIG: `${HOME}/.kube/config` };

  constructor(private readonly options: ClusterHostOptions) {
    this.files.files.set(`${HOME}/.kube/config`, kubeconfig);
    for (const [path, text] of Object.entries(options.files ?? {})) this.files.files.set(this.resolve(path), text);
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

  /** run runs one command line and returns its exit code. */
  async run(line: string, out: Output, signal: AbortSignal): Promise<number> {
    const io: CommandIO = { stdout: out.stdout, stderr: out.stderr, env: this.env, signal };
    return runLine(line, this.programs(), io);
  }

  /** resolve turns a path relative to the home folder into an absolute one. */
  resolve(path: string): string {
    if (path === '.' || path === '') return HOME;
    return path.startsWith('/') ? path : `${HOME}/${path.replace(/^\.\//, '')}`;
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

  private programs(): Record<string, Program> {
    const clock = this.options.clock;
    const kubectl: Program = (argv, io) =>
      runKubectl(argv, {
        transport: this.controlPlane().transport,
        stdin: async () => '',
        stdout: io.stdout,
        stderr: io.stderr,
        env: io.env,
        files: this.fileAccess,
        clock,
        signal: io.signal,
      });
    const etcdctl: Program = (argv, io) =>
      runEtcdctl(argv, { transport: this.controlPlane().etcdGateway, stdout: io.stdout, stderr: io.stderr, endpoint: '127.0.0.1:2379', signal: io.signal });
    const kubelab: Program = async (argv, io) => {
      const cp = this.controlPlane();
      if (argv[0] === 'status') {
        io.stdout(`API server: ${API_SERVER} (in this page's worker)\nstore revision: ${cp.store.currentRevision()}\n`);
        return 0;
      }
      io.stdout('Usage: kubelab status\n');
      return argv.length === 0 || argv[0] === 'help' ? 0 : 1;
    };
    return { ...builtins(this.files, (p) => this.resolve(p)), kubectl, etcdctl, kubelab };
  }
}
