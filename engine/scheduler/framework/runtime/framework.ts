// Mirrors pkg/scheduler/framework/runtime/framework.go: one profile's plugins, built once from the
// registry, and the Run*Plugins calls schedule-one makes at each extension point. Parallelism,
// metrics, Permit and waiting pods are left out; filters stop at the first rejection, as upstream.
import type { Pod } from '../../../api/core/v1/types.js';
import { extensionPoints, type ExtensionPoint, type KubeSchedulerProfile, type Plugin as PluginRef } from '../../apis/config/types.js';
import type { CycleState } from '../cycle-state.js';
import {
  Code,
  MaxNodeScore,
  MinNodeScore,
  Status,
  type BindPlugin,
  type FilterPlugin,
  type Handle,
  type NodeScore,
  type Plugin,
  type PostBindPlugin,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type QueueSortPlugin,
  type ReservePlugin,
  type ScorePlugin,
} from '../interface.js';
import type { Registry } from '../plugins/registry.js';
import type { NodeInfo } from '../types.js';

/** methodOf names the method a plugin must have to serve an extension point. */
const methodOf: Record<ExtensionPoint, string> = {
  queueSort: 'less',
  preFilter: 'preFilter',
  filter: 'filter',
  postFilter: 'postFilter',
  preScore: 'preScore',
  score: 'score',
  reserve: 'reserve',
  bind: 'bind',
  postBind: 'postBind',
};

export class Framework {
  readonly schedulerName: string;
  private readonly plugins = new Map<string, Plugin>();
  private readonly points = new Map<ExtensionPoint, Plugin[]>();
  /** scoreWeights holds each score plugin's weight. */
  readonly scoreWeights = new Map<string, number>();
  /**
   * The Filter and Score plugins with their names and weights side by side: those loops run for
   * hundreds of nodes per cycle, so they read arrays rather than call name() and look up maps.
   */
  private filterPlugins: FilterPlugin[] = [];
  private filterNames: string[] = [];
  private scorePlugins: ScorePlugin[] = [];
  private scoreNames: string[] = [];
  private scoreWeightList: number[] = [];

  constructor(registry: Registry, profile: KubeSchedulerProfile, handle: Omit<Handle, 'runFilterPlugins'>) {
    this.schedulerName = profile.schedulerName ?? 'default-scheduler';
    const fullHandle: Handle = { ...handle, runFilterPlugins: (s, p, n) => this.runFilterPlugins(s, p, n) };
    const args = new Map((profile.pluginConfig ?? []).map((c) => [c.name, c.args]));
    const multi = profile.plugins?.multiPoint?.enabled ?? [];
    const instance = (ref: PluginRef): Plugin => {
      let p = this.plugins.get(ref.name);
      if (!p) {
        const factory = registry[ref.name];
        if (!factory) throw new Error(`plugin "${ref.name}" does not exist`);
        p = factory(args.get(ref.name), fullHandle);
        this.plugins.set(ref.name, p);
      }
      return p;
    };
    for (const point of extensionPoints) {
      const set = profile.plugins?.[point];
      const disabled = new Set((set?.disabled ?? []).map((d) => d.name));
      const list: PluginRef[] = [];
      // Plugins named at this point come first, then multiPoint ones that implement it.
      for (const ref of set?.enabled ?? []) if (!list.some((r) => r.name === ref.name)) list.push(ref);
      if (!disabled.has('*')) {
        for (const ref of multi) {
          if (disabled.has(ref.name) || list.some((r) => r.name === ref.name)) continue;
          if (typeof (instance(ref) as unknown as Record<string, unknown>)[methodOf[point]] === 'function') list.push(ref);
        }
      }
      const plugins: Plugin[] = [];
      for (const ref of list) {
        const p = instance(ref);
        if (typeof (p as unknown as Record<string, unknown>)[methodOf[point]] !== 'function') throw new Error(`plugin "${ref.name}" does not extend ${point} plugin`);
        plugins.push(p);
        if (point === 'score') this.scoreWeights.set(ref.name, ref.weight || multi.find((m) => m.name === ref.name)?.weight || 1);
      }
      this.points.set(point, plugins);
    }
    this.filterPlugins = this.list<FilterPlugin>('filter');
    this.filterNames = this.filterPlugins.map((p) => p.name());
    this.scorePlugins = this.list<ScorePlugin>('score');
    this.scoreNames = this.scorePlugins.map((p) => p.name());
    this.scoreWeightList = this.scoreNames.map((n) => this.scoreWeights.get(n) ?? 1);
    if (this.list<QueueSortPlugin>('queueSort').length !== 1) throw new Error('one queue sort plugin required for profile with scheduler name ' + JSON.stringify(this.schedulerName));
    if (this.list<BindPlugin>('bind').length === 0) throw new Error('at least one bind plugin is needed for profile with scheduler name ' + JSON.stringify(this.schedulerName));
  }

  private list<T>(point: ExtensionPoint): T[] {
    return (this.points.get(point) ?? []) as unknown as T[];
  }

  /** listPlugins names the plugins at each extension point (for tests and `--v` style dumps). */
  listPlugins(): Record<string, string[]> {
    return Object.fromEntries([...this.points].map(([k, v]) => [k, v.map((p) => p.name())]));
  }

  queueSortLess(): QueueSortPlugin['less'] {
    const qs = this.list<QueueSortPlugin>('queueSort')[0]!;
    return (a, b) => qs.less(a, b);
  }

  hasPostFilterPlugins(): boolean {
    return this.list('postFilter').length > 0;
  }

  runPreFilterPlugins(state: CycleState, pod: Pod, nodes: NodeInfo[]): { result?: PreFilterResult; status: Status | null } {
    let result: PreFilterResult | undefined;
    for (const pl of this.list<PreFilterPlugin>('preFilter')) {
      const { result: r, status } = pl.preFilter(state, pod, nodes);
      if (status?.code === Code.Skip) {
        state.skipFilterPlugins.add(pl.name());
        continue;
      }
      if (status && !status.isSuccess()) return { status: status.withPlugin(pl.name()) };
      if (r?.nodeNames) result = { nodeNames: result?.nodeNames ? new Set([...r.nodeNames].filter((n) => result!.nodeNames!.has(n))) : r.nodeNames };
    }
    return { result, status: null };
  }

  runFilterPlugins(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const plugins = this.filterPlugins;
    const skip = state.skipFilterPlugins;
    for (let i = 0; i < plugins.length; i++) {
      if (skip.size > 0 && skip.has(this.filterNames[i]!)) continue;
      const status = plugins[i]!.filter(state, pod, nodeInfo);
      if (status && !status.isSuccess()) {
        const name = this.filterNames[i]!;
        if (!status.isRejected()) return new Status(Code.Error, `running ${JSON.stringify(name)} filter plugin: ${status.message()}`).withPlugin(name);
        return status.withPlugin(name);
      }
    }
    return null;
  }

  async runPostFilterPlugins(state: CycleState, pod: Pod, m: Map<string, Status>): Promise<{ result?: PostFilterResult; status: Status | null }> {
    const reasons: string[] = [];
    let result: PostFilterResult | undefined;
    for (const pl of this.list<PostFilterPlugin>('postFilter')) {
      const r = await pl.postFilter(state, pod, m);
      if (!r.status || r.status.isSuccess()) return r;
      if (r.status.code !== Code.Unschedulable) return r;
      reasons.push(...r.status.reasons);
      result ??= r.result;
    }
    return { result, status: new Status(Code.Unschedulable, ...reasons) };
  }

  runPreScorePlugins(state: CycleState, pod: Pod, nodes: NodeInfo[]): Status | null {
    for (const pl of this.list<PreScorePlugin>('preScore')) {
      const status = pl.preScore(state, pod, nodes);
      if (status?.code === Code.Skip) {
        state.skipScorePlugins.add(pl.name());
        continue;
      }
      if (status && !status.isSuccess()) return status.withPlugin(pl.name());
    }
    return null;
  }

  /**
   * runScorePlugins returns per-plugin normalized, weighted scores and the weighted totals per
   * node, in node order (upstream's NodePluginScores). As upstream, each node runs every plugin in
   * turn (while its data is at hand); then each plugin's list is normalized and weighted in place
   * and added into the totals by index.
   */
  runScorePlugins(state: CycleState, pod: Pod, nodes: NodeInfo[]): { totals: NodeScore[]; byPlugin: Map<string, NodeScore[]>; status: Status | null } {
    const byPlugin = new Map<string, NodeScore[]>();
    const skip = state.skipScorePlugins;
    const plugins: ScorePlugin[] = [];
    const pluginNames: string[] = [];
    const weights: number[] = [];
    for (let p = 0; p < this.scorePlugins.length; p++) {
      if (skip.size > 0 && skip.has(this.scoreNames[p]!)) continue;
      plugins.push(this.scorePlugins[p]!);
      pluginNames.push(this.scoreNames[p]!);
      weights.push(this.scoreWeightList[p]!);
    }
    const n = nodes.length;
    const lists: NodeScore[][] = plugins.map(() => new Array(n));
    const totals: NodeScore[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const nodeInfo = nodes[i]!;
      const name = nodeInfo.nodeName();
      totals[i] = { name, score: 0 };
      for (let p = 0; p < plugins.length; p++) {
        const { score, status } = plugins[p]!.score(state, pod, nodeInfo);
        if (status && !status.isSuccess()) return { totals: [], byPlugin, status: status.withPlugin(pluginNames[p]!) };
        lists[p]![i] = { name, score };
      }
    }
    for (let p = 0; p < plugins.length; p++) {
      const scores = lists[p]!;
      const plName = pluginNames[p]!;
      const status = plugins[p]!.normalizeScore?.(state, pod, scores);
      if (status && !status.isSuccess()) return { totals: [], byPlugin, status: status.withPlugin(plName) };
      const weight = weights[p]!;
      for (let i = 0; i < n; i++) {
        const s = scores[i]!;
        if (s.score > MaxNodeScore || s.score < MinNodeScore) return { totals: [], byPlugin, status: new Status(Code.Error, `plugin ${JSON.stringify(plName)} returns an invalid score ${s.score}, it should in the range of [${MinNodeScore}, ${MaxNodeScore}] after normalizing`) };
        s.score *= weight;
        totals[i]!.score += s.score;
      }
      byPlugin.set(plName, scores);
    }
    return { totals, byPlugin, status: null };
  }

  runReservePluginsReserve(state: CycleState, pod: Pod, nodeName: string): Status | null {
    for (const pl of this.list<ReservePlugin>('reserve')) {
      const status = pl.reserve(state, pod, nodeName);
      if (status && !status.isSuccess()) return status.withPlugin(pl.name());
    }
    return null;
  }

  runReservePluginsUnreserve(state: CycleState, pod: Pod, nodeName: string): void {
    for (const pl of [...this.list<ReservePlugin>('reserve')].reverse()) pl.unreserve(state, pod, nodeName);
  }

  async runBindPlugins(state: CycleState, pod: Pod, nodeName: string): Promise<Status | null> {
    for (const pl of this.list<BindPlugin>('bind')) {
      const status = await pl.bind(state, pod, nodeName);
      if (status?.code === Code.Skip) continue;
      return status ? status.withPlugin(pl.name()) : null;
    }
    return new Status(Code.Skip);
  }

  runPostBindPlugins(state: CycleState, pod: Pod, nodeName: string): void {
    for (const pl of this.list<PostBindPlugin>('postBind')) pl.postBind(state, pod, nodeName);
  }
}
