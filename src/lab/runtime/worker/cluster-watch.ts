// The lab worker's side of <ClusterView>: shared informers on nodes, pods, services and endpoints
// (what kubectl get -w and the dashboard watch), and a snapshot of their caches posted after each
// burst of events — coalesced, so a rollout of many pods redraws a few times, not hundreds.
import { newSharedInformerFactory } from '../../../../engine/client/informers/factory.js';
import type { Clientset } from '../../../../engine/client/kubernetes/clientset.js';
import type { Clock, Timer } from '../../../../engine/util/clock.js';
import { buildSnapshot, type ClusterSnapshot } from '../../cluster-view/snapshot.js';

export interface ClusterWatchOptions {
  client: Clientset;
  clock: Clock;
  master: { name: string; ip: string };
  onSnapshot(snapshot: ClusterSnapshot): void;
  /** coalesceMs is how long a burst of events is collected before one snapshot goes out. */
  coalesceMs?: number;
}

/** watchCluster starts the informers; the returned function stops them. */
export function watchCluster(o: ClusterWatchOptions): () => Promise<void> {
  const abort = new AbortController();
  const factory = newSharedInformerFactory(o.client, o.clock);
  const core = factory.core().v1();
  const sources = { nodes: core.nodes(), pods: core.pods(), services: core.services(), endpoints: core.endpoints() };
  let timer: Timer | undefined;
  let synced = false;
  const publish = () => {
    timer = undefined;
    o.onSnapshot(
      buildSnapshot({
        master: o.master,
        nodes: sources.nodes.lister().list(),
        pods: sources.pods.lister().list(),
        services: sources.services.lister().list(),
        endpoints: sources.endpoints.lister().list(),
      }),
    );
  };
  const changed = () => {
    if (synced && !timer && !abort.signal.aborted) timer = o.clock.setTimer(o.coalesceMs ?? 100, publish);
  };
  for (const source of Object.values(sources)) source.informer().addEventHandler({ onAdd: changed, onUpdate: changed, onDelete: changed });
  factory.start(abort.signal);
  void factory.waitForCacheSync(abort.signal).then(() => {
    if (abort.signal.aborted) return;
    synced = true;
    publish();
  });
  return async () => {
    abort.abort();
    timer?.stop();
    await factory.shutdown();
  };
}
