// Mirrors pkg/kubelet/config/config.go (PodConfig merging the file source: ADD / UPDATE / REMOVE by
// UID) together with the kubelet's mirror pod upkeep (syncPod's mirror check and HandlePodCleanups'
// orphaned mirrors): the manifest folder is read every --file-check-frequency; new manifests start
// pods, changed ones replace them, removed ones stop them; each running static pod has exactly one
// current mirror pod in the API server, recreated when someone deletes it.
import type { Pod } from '../../api/core/v1/types.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { FileSystem } from '../../images/types.js';
import type { Clock, Timer } from '../../util/clock.js';
import { isMirrorPod, isMirrorPodOf, MirrorClient } from '../pod/mirror-client.js';
import { extractFromDir } from './file.js';

/** PodHandler is the kubelet's side of the pod config channel. */
export interface PodHandler {
  handlePodAdditions(pods: Pod[]): void;
  handlePodRemoves(pods: Pod[]): void;
  /** mirrorPodCreated lets the kubelet post the static pod's status to its new mirror. */
  mirrorPodCreated?(pod: Pod): void;
}

export interface StaticPodSourceOptions {
  fs: FileSystem;
  path: string;
  nodeName: string;
  clock: Clock;
  client: Clientset;
  nodeUID: () => string | undefined;
  /** checkFrequency is --file-check-frequency (default 20 s). */
  checkFrequency?: number;
  log?(msg: string): void;
}

export class StaticPodSource {
  /** pods are the static pods running now, by UID. */
  readonly pods = new Map<string, Pod>();
  private readonly mirrors: MirrorClient;
  private readonly reported = new Set<string>();
  private timer: Timer | undefined;
  private syncing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly options: StaticPodSourceOptions,
    private readonly handler: PodHandler,
  ) {
    this.mirrors = new MirrorClient(options.client, options.nodeName, options.nodeUID);
  }

  /** run reads the folder now and then every checkFrequency. */
  run(): void {
    const tick = () => {
      if (this.stopped) return;
      void this.sync();
      this.timer = this.options.clock.setTimer(this.options.checkFrequency ?? 20_000, tick);
    };
    tick();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.stop();
  }

  /** sync applies the folder's current manifests, then brings the mirror pods in line (serialized). */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.doSync()).catch((err: unknown) => this.options.log?.(`static pods: ${String(err)}`));
    return this.syncing;
  }

  /** mirrorChanged is called when the API source shows a mirror pod changed or went away. */
  mirrorChanged(): void {
    if (!this.stopped) void this.sync();
  }

  private async doSync(): Promise<void> {
    const { fs, path, nodeName, clock } = this.options;
    const wanted = new Map<string, Pod>();
    for (const r of extractFromDir(fs, path, nodeName, clock.now())) {
      if (r.pod) wanted.set(r.pod.metadata.uid!, r.pod);
      else if (r.error && !this.reported.has(r.error)) {
        this.reported.add(r.error);
        this.options.log?.(r.error);
      }
    }
    const removed = [...this.pods.values()].filter((p) => !wanted.has(p.metadata.uid!));
    const added = [...wanted.values()].filter((p) => !this.pods.has(p.metadata.uid!));
    for (const p of removed) this.pods.delete(p.metadata.uid!);
    for (const p of added) this.pods.set(p.metadata.uid!, p);
    if (removed.length) this.handler.handlePodRemoves(removed);
    if (added.length) this.handler.handlePodAdditions(added);
    await this.syncMirrorPods();
  }

  /** syncMirrorPods creates missing mirrors, replaces stale or deleted ones and deletes orphans. */
  private async syncMirrorPods(): Promise<void> {
    if (!this.options.nodeUID()) return;
    const onNode = (await this.options.client.coreV1().pods('').list({ fieldSelector: `spec.nodeName=${this.options.nodeName}` })).items;
    const mirrors = new Map(onNode.filter(isMirrorPod).map((m) => [`${m.metadata.namespace}/${m.metadata.name}`, m]));
    for (const pod of this.pods.values()) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const mirror = mirrors.get(key);
      mirrors.delete(key);
      if (mirror && !mirror.metadata.deletionTimestamp && isMirrorPodOf(mirror, pod)) continue;
      if (mirror) await this.mirrors.deleteMirrorPod(mirror.metadata.namespace!, mirror.metadata.name!, mirror.metadata.uid);
      await this.mirrors.createMirrorPod(pod);
      this.handler.mirrorPodCreated?.(pod);
    }
    for (const orphan of mirrors.values()) await this.mirrors.deleteMirrorPod(orphan.metadata.namespace!, orphan.metadata.name!, orphan.metadata.uid);
  }
}
