// Mirrors pkg/controller/replication/replication_controller.go: the ReplicationManager is the
// replica set controller run over ReplicationControllers through conversion adapters, with its own
// event source ("replication-controller") and queue.
import type { Pod, ReplicationController } from '../../api/core/v1/types.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { GenericInformer } from '../../client/informers/generic.js';
import type { EventRecorder } from '../../client/tools/record/event.js';
import type { Clock } from '../../util/clock.js';
import { BurstReplicas, ReplicaSetController } from '../replicaset/replica-set.js';
import { replicationControllerAdapter } from './conversion.js';

export type ReplicationManager = ReplicaSetController;

/** newReplicationManager mirrors NewReplicationManager. */
export function newReplicationManager(rcInformer: GenericInformer<ReplicationController>, podInformer: GenericInformer<Pod>, client: Clientset, recorder: EventRecorder, clock: Clock, burstReplicas = BurstReplicas): ReplicationManager {
  return new ReplicaSetController({ adapter: replicationControllerAdapter(rcInformer, client), podInformer, client, recorder, clock, burstReplicas, name: 'replicationmanager' });
}
