// No upstream twin: the lab format and the grader's results. A lab is plain data plus check
// functions, so it runs unchanged in the CLI, in tests and in the browser's lab runtimes.
import type { Clientset } from '../client/kubernetes/clientset.js';
import type { Clock } from '../util/clock.js';

/** Localized is text in both course languages. */
export interface Localized {
  en: string;
  'zh-cn': string;
}

export type Locale = keyof Localized;

/** ClusterShape is what a fresh cluster for the lab looks like (Cluster.start's options). */
export interface ClusterShape {
  nodes?: number;
  network?: 'routing' | 'overlay';
  proxyMode?: 'iptables' | 'userspace';
}

/** LabMeta is what a lab says about itself; the site lists and embeds labs by it. */
export interface LabMeta {
  /** id is the lab's folder name (kebab-case). */
  id: string;
  title: Localized;
  /** chapter is the slug of the page that embeds the lab, as "<part>/<slug>". */
  chapter: string;
  estimatedMinutes: number;
  cluster: ClusterShape;
}

/** HttpResult is an answer seen through the dataplane, or why there was none. */
export type HttpResult =
  | { ok: true; status: number; headers: Map<string, string>; body: string; remote: string }
  | { ok: false; error: string };

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  /** from picks where the request leaves: a pod on the cluster network ("pod", the default for
   * cluster IPs) or outside the cluster ("outside", the default for node addresses). */
  from?: 'pod' | 'outside';
  timeoutMs?: number;
}

/** Dataplane is how checks reach the cluster's network. */
export interface Dataplane {
  /** inCluster says whether pod and cluster IPs are reachable (false for a remote cluster). */
  readonly inCluster: boolean;
  http(url: string, opts?: HttpOptions): Promise<HttpResult>;
  /** lookup resolves a name with the cluster DNS as a pod would; [] when it does not resolve. */
  lookup(name: string): Promise<string[]>;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** CheckContext is everything a check may use. */
export interface CheckContext {
  client: Clientset;
  kubectl(argv: string[]): Promise<KubectlResult>;
  net: Dataplane;
  clock: Clock;
  /** namespace is where the lab's objects live ("default"). */
  namespace: string;
  /** nodeAddresses are the InternalIPs of the Ready nodes, from the Node objects. */
  nodeAddresses(): Promise<string[]>;
}

/** CheckOutcome is what a check found; observed says it in one line for the learner. */
export interface CheckOutcome {
  passed: boolean;
  observed: string;
  /** skipped marks a check that cannot run against this target (e.g. pod IPs of a remote cluster). */
  skipped?: boolean;
}

export interface Check {
  /** id is stable and kebab-case (JUnit test names, progress storage). */
  id: string;
  name: Localized;
  /** hint teaches what to look at, without giving the answer away. */
  hint: Localized;
  run(ctx: CheckContext): Promise<CheckOutcome>;
  /** once marks a check that must not be retried (it changes state, e.g. writes a message). */
  once?: boolean;
}

/** Lab is a lab definition: metadata, checks and its files (starter, solution, tasks, tests). */
export interface Lab extends LabMeta {
  checks: Check[];
}

/** LabFiles maps a path relative to the lab folder ("starter/redis.yaml") to its text. */
export type LabFiles = Record<string, string>;

/** Submission is what gets applied to a fresh cluster: manifests and an optional commands.sh. */
export interface Submission {
  /** files maps a path relative to the submission folder to its text. */
  files: Record<string, string>;
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  id: string;
  name: string;
  status: CheckStatus;
  passed: boolean;
  observed: string;
  /** hint is set when the check did not pass. */
  hint?: string;
  attempts: number;
  durationMs: number;
}

export interface GradeReport {
  lab: string;
  title: string;
  locale: Locale;
  passed: boolean;
  results: CheckResult[];
  /** setup lists problems applying the submission (kubectl errors), if any. */
  setup: string[];
  durationMs: number;
}
