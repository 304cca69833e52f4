// The node machines of `kubelab up --processes` as OS processes: each runs `kubelab join` (one
// machine, its kubelet and kube-proxy) and prints where its kubelet server answers. Failing a node
// kills its process as pulling the plug would; recovering starts a new one on the same address.
// A node process exits when its stdin closes, so none outlives the master, even a killed one.
// Node-only. (No upstream twin: kind and minikube start containers or VMs instead.)
import { spawn, type ChildProcess } from 'node:child_process';
import type { NodeProcessInfo, NodeProcessTable } from '../cluster/process-admin.js';
import { NodeError } from '../cluster/node-power.js';
import { RealClock, type Clock } from '../util/clock.js';

export interface NodeProcessesOptions {
  /** command runs kubelab (e.g. [node, bin/kubelab.mjs]); `join …` is appended. */
  command: string[];
  /** address is node i's machine address with prefix; podCIDR its pod subnet (routing mode). */
  address(index: number): { ip: string; podCIDR?: string };
  /** joinFlags are the flags every node gets (API server, underlay, modes, then `--` and kubelet flags). */
  joinFlags(): string[];
  /** podCIDROf reads a running node's pod subnet (the overlay's lease) from the underlay. */
  podCIDROf?(ip: string): string | undefined;
  log(line: string): void;
  clock?: Clock;
  /** readyTimeoutMs bounds a node process's start (default 120 s). */
  readyTimeoutMs?: number;
}

interface Entry {
  name: string;
  index: number;
  ip: string;
  podCIDR?: string;
  state: 'Running' | 'Failed';
  child?: ChildProcess;
  exited?: Promise<void>;
  url?: string;
}

export class NodeProcesses implements NodeProcessTable {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: Clock;

  constructor(private readonly options: NodeProcessesOptions) {
    this.clock = options.clock ?? new RealClock();
  }

  list(): NodeProcessInfo[] {
    return [...this.entries.values()].map((e) => this.info(e));
  }

  get(name: string): NodeProcessInfo | undefined {
    const e = this.entries.get(name);
    return e && this.info(e);
  }

  private info(e: Entry): NodeProcessInfo {
    const ip = e.ip.split('/')[0]!;
    return { name: e.name, ip, podCIDR: e.podCIDR ?? this.options.podCIDROf?.(ip), state: e.state, pid: e.state === 'Running' ? e.child?.pid : undefined, url: e.state === 'Running' ? e.url : undefined };
  }

  private mustGet(name: string): Entry {
    const e = this.entries.get(name);
    if (!e) throw new NodeError(`node "${name}" not found`, 'NotFound');
    return e;
  }

  /** add starts a node process on the lowest free index and resolves once its kubelet server listens. */
  async add(name: string): Promise<NodeProcessInfo> {
    if (this.entries.has(name)) throw new NodeError(`node "${name}" already exists`, 'Conflict');
    const used = new Set([...this.entries.values()].map((e) => e.index));
    let index = 1;
    while (used.has(index)) index++;
    const { ip, podCIDR } = this.options.address(index);
    const e: Entry = { name, index, ip, podCIDR, state: 'Running' };
    this.entries.set(name, e);
    try {
      await this.start(e);
    } catch (err) {
      e.state = 'Failed';
      throw err;
    }
    return this.info(e);
  }

  async fail(name: string): Promise<void> {
    const e = this.mustGet(name);
    if (e.state === 'Failed') throw new NodeError(`node "${name}" has already failed`, 'Conflict');
    e.state = 'Failed';
    // Power off: no goodbye, no graceful shutdown.
    e.child?.kill('SIGKILL');
    await e.exited;
  }

  async recover(name: string): Promise<void> {
    const e = this.mustGet(name);
    if (e.state !== 'Failed') throw new NodeError(`node "${name}" has not failed`, 'Conflict');
    e.state = 'Running';
    try {
      await this.start(e);
    } catch (err) {
      e.state = 'Failed';
      throw err;
    }
  }

  async remove(name: string): Promise<void> {
    const e = this.mustGet(name);
    this.entries.delete(name);
    await this.terminate(e);
  }

  /** stopAll asks every node process to stop and kills those that do not within timeoutMs. */
  async stopAll(timeoutMs = 10_000): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => this.terminate(e, timeoutMs)));
  }

  private async terminate(e: Entry, timeoutMs = 10_000): Promise<void> {
    const child = e.child;
    e.state = 'Failed';
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = this.clock.setTimer(timeoutMs, () => child.kill('SIGKILL'));
    await e.exited;
    timer.stop();
  }

  /** start spawns the node's process and waits for its line {url}; the entry keeps the process. */
  private start(e: Entry): Promise<void> {
    const [cmd, ...args] = this.options.command;
    const flags = ['join', e.name, '--node-ip', e.ip, ...(e.podCIDR ? ['--pod-cidr', e.podCIDR] : []), '--exit-with-stdin', ...this.options.joinFlags()];
    const child = spawn(cmd!, [...args, ...flags], { stdio: ['pipe', 'pipe', 'pipe'] });
    e.child = child;
    e.url = undefined;
    e.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const prefix = `${e.name}: `;
    let errText = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => {
      errText = (errText + d).slice(-4000);
      for (const line of d.split('\n').filter(Boolean)) this.options.log(prefix + line + '\n');
    });
    child.stdin!.on('error', () => undefined);
    return new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = this.clock.setTimer(this.options.readyTimeoutMs ?? 120_000, () => {
        child.kill('SIGKILL');
        reject(new Error(`node ${e.name}: its process did not start within ${(this.options.readyTimeoutMs ?? 120_000) / 1000}s`));
      });
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (d: string) => {
        if (e.url) return;
        out += d;
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (!line) return;
        e.url = (JSON.parse(line) as { url: string }).url;
        timer.stop();
        resolve();
      });
      child.once('exit', (code, signal) => {
        timer.stop();
        if (!e.url) return reject(new Error(`node ${e.name}: its process exited (${signal ?? code}) before it started${errText ? `:\n${errText}` : ''}`));
        // A node nobody failed or stopped has crashed; it stays failed until recovered.
        if (e.child === child && e.state === 'Running') {
          e.state = 'Failed';
          this.options.log(`${prefix}process ${child.pid} exited (${signal ?? code}); the machine is down until "kubelab node recover ${e.name}"\n`);
        }
      });
    });
  }
}
