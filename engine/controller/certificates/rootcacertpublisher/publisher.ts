// Mirrors pkg/controller/certificates/rootcacertpublisher/publisher.go: every active namespace gets
// the ConfigMap "kube-root-ca.crt" holding the cluster's CA bundle (ca.crt), which the projected
// service-account volume (kube-api-access-*) mounts into pods; edits to it are put back.
import type { ConfigMap, Namespace } from '../../../api/core/v1/types.js';
import { isAlreadyExists, isNotFound } from '../../../apimachinery/api/errors/errors.js';
import type { GenericInformer } from '../../../client/informers/generic.js';
import type { Clientset } from '../../../client/kubernetes/clientset.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../../client/util/workqueue/rate-limiting-queue.js';
import type { Clock } from '../../../util/clock.js';
import { fromTombstone } from '../../controller-utils.js';
import { processNextWorkItem, runWhenSynced } from '../../worker.js';

export const rootCACertConfigMapName = 'kube-root-ca.crt';
const descriptionAnnotation = 'kubernetes.io/description';
const description =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export class Publisher {
  readonly queue: RateLimitingType<string>;
  syncHandler: (ns: string) => Promise<void> = (ns) => this.syncNamespace(ns);
  onError: (err: unknown) => void = () => {};

  constructor(
    readonly cmInformer: GenericInformer<ConfigMap>,
    readonly nsInformer: GenericInformer<Namespace>,
    readonly client: Clientset,
    readonly clock: Clock,
    readonly rootCA: string,
  ) {
    this.queue = newRateLimitingQueue<string>(clock);
    const onConfigMap = (cm: ConfigMap) => {
      if (cm.metadata.name === rootCACertConfigMapName) this.queue.add(cm.metadata.namespace ?? '');
    };
    cmInformer.informer().addEventHandler({
      onUpdate: (_old, cm) => onConfigMap(cm),
      onDelete: (obj) => onConfigMap(fromTombstone(obj)),
    });
    nsInformer.informer().addEventHandler({
      onAdd: (ns) => this.queue.add(ns.metadata.name ?? ''),
      onUpdate: (_old, ns) => this.queue.add(ns.metadata.name ?? ''),
    });
  }

  run(workers: number, signal: AbortSignal): Promise<void> {
    return runWhenSynced(workers, this.queue, this.clock, signal, [() => this.cmInformer.informer().hasSynced(), () => this.nsInformer.informer().hasSynced()], () => this.worker());
  }

  private async worker(): Promise<void> {
    while (await processNextWorkItem(this.queue, (key) => this.syncHandler(key), { onError: (_key, err) => this.onError(err) }));
  }

  /** syncNamespace creates or repairs the namespace's kube-root-ca.crt. */
  async syncNamespace(ns: string): Promise<void> {
    const namespace = this.nsInformer.informer().getIndexer().getByKey(ns);
    if (!namespace || namespace.metadata.deletionTimestamp) return;
    const configMaps = this.client.coreV1().configMaps(ns);
    const live = this.cmInformer.informer().getIndexer().getByKey(`${ns}/${rootCACertConfigMapName}`);
    const data = { 'ca.crt': this.rootCA };
    if (!live) {
      try {
        await configMaps.create({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: rootCACertConfigMapName, namespace: ns, annotations: { [descriptionAnnotation]: description } },
          data,
        });
      } catch (err) {
        // Created meanwhile, or the namespace started terminating: nothing to do.
        if (!isAlreadyExists(err) && !isNotFound(err) && !(err instanceof Error && /being terminated/.test(err.message))) throw err;
      }
      return;
    }
    if (live.data?.['ca.crt'] === this.rootCA && live.metadata.annotations?.[descriptionAnnotation] === description) return;
    await configMaps.update({
      ...live,
      metadata: { ...live.metadata, annotations: { ...live.metadata.annotations, [descriptionAnnotation]: description } },
      data,
    });
  }
}

/** newPublisher mirrors NewPublisher: it needs the CA bundle (--root-ca-file). */
export function newPublisher(cmInformer: GenericInformer<ConfigMap>, nsInformer: GenericInformer<Namespace>, client: Clientset, clock: Clock, rootCA: string): Publisher {
  return new Publisher(cmInformer, nsInformer, client, clock, rootCA);
}
