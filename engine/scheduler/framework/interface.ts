// Mirrors pkg/scheduler/framework/interface.go: Status codes, the plugin interfaces of each
// extension point and the Handle plugins get. Permit, waiting pods, extenders, PreEnqueue and
// queueing hints are left out. A null Status means Success, as a nil *Status does in Go.
import type { Pod } from '../../api/core/v1/types.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { SharedInformerFactory } from '../../client/informers/factory.js';
import type { EventRecorder } from '../../client/tools/record/event.js';
import type { Clock } from '../../util/clock.js';
import type { CycleState } from './cycle-state.js';
import type { NodeInfo } from './types.js';

export enum Code {
  Success = 0,
  Error = 1,
  /** Unschedulable: the pod does not fit now, but preemption might make room. */
  Unschedulable = 2,
  /** UnschedulableAndUnresolvable: preemption would not help (affinity, taints, node name…). */
  UnschedulableAndUnresolvable = 3,
  Wait = 4,
  Skip = 5,
}

/** MaxNodeScore and MinNodeScore bound the scores plugins return after normalization. */
export const MaxNodeScore = 100;
export const MinNodeScore = 0;

/** Status is a plugin's answer: a code, the reasons shown to users and the plugin that failed. */
export class Status {
  plugin = '';
  readonly reasons: string[];

  constructor(
    readonly code: Code,
    ...reasons: string[]
  ) {
    this.reasons = reasons;
  }

  static asStatus(err: unknown): Status {
    return new Status(Code.Error, err instanceof Error ? err.message : String(err));
  }

  message(): string {
    return this.reasons.join(', ');
  }

  withPlugin(name: string): Status {
    this.plugin = name;
    return this;
  }

  isSuccess(): boolean {
    return this.code === Code.Success;
  }

  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable;
  }
}

/** isSuccess treats a null status as Success. */
export const isSuccess = (s: Status | null | undefined): boolean => !s || s.code === Code.Success;

export interface Plugin {
  name(): string;
}

/** NodeScore is one node's score from one plugin (or the weighted total). */
export interface NodeScore {
  name: string;
  score: number;
}

export interface QueueSortPlugin extends Plugin {
  less(a: { pod: Pod; timestamp: number }, b: { pod: Pod; timestamp: number }): boolean;
}

/** PreFilterResult narrows the nodes to check; undefined nodeNames means all nodes. */
export interface PreFilterResult {
  nodeNames?: Set<string>;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, nodes: NodeInfo[]): { result?: PreFilterResult; status: Status | null };
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null;
}

/** PostFilterResult nominates a node (after preemption) for the pod. */
export interface PostFilterResult {
  nominatedNodeName: string;
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: Pod, filteredNodeStatusMap: Map<string, Status>): Promise<{ result?: PostFilterResult; status: Status | null }>;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, nodes: NodeInfo[]): Status | null;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null };
  /** normalizeScore rescales all nodes' scores to 0..MaxNodeScore (ScoreExtensions upstream). */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): Status | null;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: Pod, nodeName: string): Status | null;
  unreserve(state: CycleState, pod: Pod, nodeName: string): void;
}

export interface BindPlugin extends Plugin {
  /** bind returns a Skip status to let the next bind plugin try. */
  bind(state: CycleState, pod: Pod, nodeName: string): Promise<Status | null>;
}

export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: Pod, nodeName: string): void;
}

/** SharedLister reads the cycle's snapshot of nodes (SnapshotSharedLister upstream). */
export interface NodeInfoLister {
  list(): NodeInfo[];
  get(nodeName: string): NodeInfo | undefined;
}

/** Handle is what the framework offers plugins: clients, informers and the cycle's snapshot. */
export interface Handle {
  clientSet(): Clientset;
  sharedInformerFactory(): SharedInformerFactory;
  snapshotSharedLister(): NodeInfoLister;
  eventRecorder(): EventRecorder;
  clock(): Clock;
  /** runFilterPlugins runs the profile's filters for a pod on a node (preemption's dry runs). */
  runFilterPlugins(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null;
}

/** PluginFactory is a plugin's New: it builds the plugin from its args and the handle. */
export type PluginFactory = (args: unknown, handle: Handle) => Plugin;
