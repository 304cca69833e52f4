// Mirrors pkg/controller/replication/conversion.go: ReplicationControllers are handled by the
// replica set controller by converting them to ReplicaSets and back (the map selector becomes
// matchLabels), and an informer adapter that converts every object it hands out.
import type { ReplicaSet } from '../../api/apps/v1/types.js';
import type { ReplicationController } from '../../api/core/v1/types.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { GenericInformer } from '../../client/informers/generic.js';
import { DeletedFinalStateUnknown } from '../../client/tools/cache/controller.js';
import type { ReplicaSetAdapter } from '../replicaset/replica-set.js';

/** convertRCtoRS keeps kind and apiVersion of the RC so events and owner references stay right. */
export function convertRCtoRS(rc: ReplicationController): ReplicaSet {
  const spec = rc.spec ?? {};
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: rc.metadata,
    spec: {
      ...(spec.replicas !== undefined ? { replicas: spec.replicas } : {}),
      ...(spec.minReadySeconds !== undefined ? { minReadySeconds: spec.minReadySeconds } : {}),
      selector: { matchLabels: { ...(spec.selector ?? {}) } },
      ...(spec.template ? { template: spec.template } : {}),
    },
    ...(rc.status ? { status: rc.status } : {}),
  };
}

export function convertRStoRC(rs: ReplicaSet): ReplicationController {
  const spec = rs.spec;
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: rs.metadata,
    spec: {
      ...(spec?.replicas !== undefined ? { replicas: spec.replicas } : {}),
      ...(spec?.minReadySeconds !== undefined ? { minReadySeconds: spec.minReadySeconds } : {}),
      selector: { ...(spec?.selector.matchLabels ?? {}) },
      ...(spec?.template ? { template: spec.template } : {}),
    },
    ...(rs.status ? { status: rs.status } : {}),
  };
}

const convertTombstone = (o: ReplicationController | DeletedFinalStateUnknown<ReplicationController>) =>
  o instanceof DeletedFinalStateUnknown ? new DeletedFinalStateUnknown(o.key, convertRCtoRS(o.obj)) : convertRCtoRS(o);

/** replicationControllerAdapter is the ReplicaSetAdapter over RCs (informerAdapter + clientsetAdapter). */
export function replicationControllerAdapter(informer: GenericInformer<ReplicationController>, client: Clientset): ReplicaSetAdapter {
  const rcs = (ns: string) => client.coreV1().replicationControllers(ns);
  return {
    gvk: { apiVersion: 'v1', kind: 'ReplicationController' },
    addEventHandler: (h) =>
      void informer.informer().addEventHandler({
        onAdd: (rc, initial) => h.onAdd?.(convertRCtoRS(rc), initial),
        onUpdate: (o, n) => h.onUpdate?.(convertRCtoRS(o), convertRCtoRS(n)),
        onDelete: (o) => h.onDelete?.(convertTombstone(o)),
      }),
    hasSynced: () => informer.informer().hasSynced(),
    list: (ns) => informer.lister().byNamespace(ns).list().map(convertRCtoRS),
    get: (ns, name) => {
      const rc = informer.informer().getIndexer().getByKey(`${ns}/${name}`);
      return rc && convertRCtoRS(rc);
    },
    fetch: async (ns, name) => convertRCtoRS(await rcs(ns).get(name)),
    updateStatus: async (rs) => convertRCtoRS(await rcs(rs.metadata.namespace ?? '').updateStatus(convertRStoRC(rs))),
  };
}
