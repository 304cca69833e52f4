// The lab runtime interface the page talks to. Two implementations sit behind it: the Worker runtime
// (the engine in a Web Worker) and the WebContainer runtime. Like TutorialKit's runtime, it never
// imports xterm: a terminal is anything that can write text.
import type { CheckResult, GradeReport, Locale } from '../../../engine/grader/index.js';
import type { ClusterSnapshot } from '../cluster-view/snapshot.js';

export type RuntimeKind = 'webcontainer' | 'worker';

/**
 * BootStepId names the steps the boot progress indicator shows, in order: each is a part of the
 * cluster that starts (a node step per node: node-1, node-2, …).
 */
export type BootStepId = 'engine' | 'storage' | 'api-server' | 'controllers' | 'scheduler' | `node-${number}` | 'dns' | 'shell';

/** clusterSteps lists the boot steps of a cluster with the given number of nodes. */
export function clusterSteps(nodes: number): BootStepId[] {
  return ['engine', 'storage', 'api-server', 'controllers', 'scheduler', ...Array.from({ length: nodes }, (_, i) => `node-${i + 1}` as const), 'dns', 'shell'];
}

/** LabClusterOptions are a lab's cluster options (labs/<id>/lab.ts `cluster`). */
export interface LabClusterOptions {
  /** nodes is how many node machines the cluster has (default 3). */
  nodes?: number;
  proxyMode?: 'iptables' | 'userspace';
  network?: 'routing' | 'overlay';
}

export const DEFAULT_NODES = 3;

export interface BootProgress {
  step: BootStepId;
  state: 'active' | 'done' | 'failed';
  /** detail is a short fact about the step (e.g. how many log records were replayed). */
  detail?: string;
}

export interface BootResult {
  /** restored tells whether the cluster came back from storage rather than starting fresh. */
  restored: boolean;
}

/** TerminalOutput is the part of a terminal a session writes to. */
export interface TerminalOutput {
  write(data: string): void;
  clear?(): void;
}

/** TerminalSession receives the raw keystrokes of one terminal (as xterm's onData gives them). */
export interface TerminalSession {
  input(data: string): void;
  resize(cols: number, rows: number): void;
  close(): void;
}

/** LabFiles is the lab's working folder: starter files, manifests applied from the page. */
export interface LabFiles {
  write(path: string, text: string): Promise<void>;
  read(path: string): Promise<string | undefined>;
  list(): Promise<string[]>;
}

export interface PreviewPort {
  port: number;
  /** url is what the pane shows: a page URL, or the NodePort's address in the lab's network. */
  url: string;
  /** label names the server (e.g. the service behind a NodePort). */
  label?: string;
  /** dataplane previews are fetched through the runtime (fetchPreview), not loaded by the browser. */
  dataplane?: boolean;
  /** ready is false while the server has nothing to answer with (a service without endpoints). */
  ready?: boolean;
}

/** PreviewRequest is an HTTP request a preview sends into the lab's network. */
export interface PreviewRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body?: string;
}

/** PreviewResponse is its answer, or a network error (connection refused, timeout…). */
export type PreviewResponse = { status: number; statusText: string; headers: Array<[string, string]>; body: string; url: string } | { error: string; url: string };

export interface LabRuntime {
  readonly kind: RuntimeKind;
  boot(onProgress: (p: BootProgress) => void): Promise<BootResult>;
  openTerminal(out: TerminalOutput): TerminalSession;
  readonly files: LabFiles;
  /** watchFiles says when the files may have changed (a command ended, a file was written); returns the unsubscribe. */
  watchFiles?(listener: () => void): () => void;
  /** previews lists the ports an app in the lab serves that the page can show. */
  previews(): PreviewPort[];
  /** watchPreviews reports the preview list whenever it changes; returns the unsubscribe. */
  watchPreviews?(listener: (previews: PreviewPort[]) => void): () => void;
  /** fetchPreview sends a dataplane preview's request from the master into the lab's network. */
  fetchPreview?(request: PreviewRequest): Promise<PreviewResponse>;
  /** watchCluster reports the cluster's picture (machines, pods, services) as it changes. */
  watchCluster?(listener: (snapshot: ClusterSnapshot) => void): () => void;
  /**
   * grade runs the lab's checks against the running cluster (the Check button), reporting each
   * result as it is known. Absent when the runtime cannot grade.
   */
  grade?(locale: Locale, onResult: (result: CheckResult) => void): Promise<GradeReport>;
  /** reset throws the cluster and its saved state away; boot again afterwards. */
  reset(): Promise<void>;
  dispose(): void;
}

/** HOME is the learner's home folder inside a lab. */
export const HOME = '/home/learner';

/** CHECK_TIMEOUT_MS is how long the Check button lets failing checks retry (real time). */
export const CHECK_TIMEOUT_MS = 3_000;
