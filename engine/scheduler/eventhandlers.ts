// Mirrors pkg/scheduler/eventhandlers.go: informer handlers that keep the cache (bound pods, nodes)
// and the queue (this scheduler's unbound pods) current, and move parked pods back when the
// cluster changes in a way that may let them fit.
import type { Node, Pod, Service } from '../api/core/v1/types.js';
import type { SharedInformerFactory } from '../client/informers/factory.js';
import { DeletedFinalStateUnknown } from '../client/tools/cache/controller.js';
import type { Scheduler } from './scheduler.js';

/** assignedPod: the pod has a node (bound, or being bound by someone). */
export const assignedPod = (pod: Pod): boolean => Boolean(pod.spec?.nodeName);

const isTerminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

const unwrap = <T>(obj: T | DeletedFinalStateUnknown<T>): T => (obj instanceof DeletedFinalStateUnknown ? obj.obj : obj);

/** nodeSchedulingPropertiesChange: only these node changes can make a pod fit. */
export function nodeSchedulingPropertiesChange(oldNode: Node, newNode: Node): boolean {
  const s = (x: unknown) => JSON.stringify(x ?? null);
  return (
    Boolean(oldNode.spec?.unschedulable) !== Boolean(newNode.spec?.unschedulable) ||
    s(oldNode.status?.allocatable) !== s(newNode.status?.allocatable) ||
    s(oldNode.status?.capacity) !== s(newNode.status?.capacity) ||
    s(oldNode.metadata.labels) !== s(newNode.metadata.labels) ||
    s(oldNode.spec?.taints) !== s(newNode.spec?.taints) ||
    s(oldNode.status?.conditions?.map((c) => [c.type, c.status])) !== s(newNode.status?.conditions?.map((c) => [c.type, c.status]))
  );
}

export function addAllEventHandlers(sched: Scheduler, factory: SharedInformerFactory): void {
  const responsible = (pod: Pod) => sched.frameworkForPod(pod) !== undefined;

  factory.core().v1().pods().informer().addEventHandler({
    onAdd: (pod) => {
      if (assignedPod(pod)) {
        if (!isTerminal(pod)) sched.cache.addPod(pod);
      } else if (responsible(pod) && !pod.metadata.deletionTimestamp) sched.queue.add(pod);
    },
    onUpdate: (oldPod, newPod) => {
      if (oldPod.metadata.resourceVersion === newPod.metadata.resourceVersion) return;
      if (assignedPod(newPod)) {
        if (!assignedPod(oldPod)) sched.queue.delete(newPod);
        if (isTerminal(newPod)) {
          // A finished pod frees its node's resources.
          sched.cache.removePod(newPod);
          sched.queue.moveAllToActiveOrBackoffQueue('AssignedPodDelete');
        } else if (assignedPod(oldPod)) {
          sched.cache.updatePod(oldPod, newPod);
          sched.queue.moveAllToActiveOrBackoffQueue('AssignedPodUpdate');
        } else sched.cache.addPod(newPod);
        return;
      }
      if (!responsible(newPod) || sched.cache.isAssumedPod(newPod)) return;
      if (newPod.metadata.deletionTimestamp) sched.queue.delete(newPod);
      else sched.queue.update(oldPod, newPod);
    },
    onDelete: (obj) => {
      const pod = unwrap(obj);
      if (assignedPod(pod)) {
        sched.cache.removePod(pod);
        sched.queue.moveAllToActiveOrBackoffQueue('AssignedPodDelete');
      } else sched.queue.delete(pod);
    },
  });

  factory.core().v1().nodes().informer().addEventHandler({
    onAdd: (node) => {
      sched.cache.addNode(node);
      sched.queue.moveAllToActiveOrBackoffQueue('NodeAdd');
    },
    onUpdate: (oldNode, newNode) => {
      sched.cache.updateNode(oldNode, newNode);
      if (nodeSchedulingPropertiesChange(oldNode, newNode)) sched.queue.moveAllToActiveOrBackoffQueue('NodeUpdate');
    },
    onDelete: (obj) => sched.cache.removeNode(unwrap(obj)),
  });

  // Service changes matter to ServiceAffinity and the spreading plugins.
  factory.core().v1().services().informer().addEventHandler({
    onAdd: (_svc: Service) => sched.queue.moveAllToActiveOrBackoffQueue('ServiceAdd'),
    onUpdate: (o: Service, n: Service) => {
      if (o.metadata.resourceVersion !== n.metadata.resourceVersion) sched.queue.moveAllToActiveOrBackoffQueue('ServiceUpdate');
    },
  });
}
