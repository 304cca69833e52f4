// Mirrors the handler half of k8s.io/client-go/tools/cache/controller.go (ResourceEventHandler,
// ResourceEventHandlerFuncs, FilteringResourceEventHandler) and DeletedFinalStateUnknown from
// delta_fifo.go — the tombstone a delete handler gets when the final state was missed.

/**
 * DeletedFinalStateUnknown is passed to onDelete when an object vanished while the watch was down:
 * the relist no longer had it, so its last state is the one the cache held (maybe stale).
 */
export class DeletedFinalStateUnknown<T> {
  constructor(
    readonly key: string,
    readonly obj: T,
  ) {}
}

/**
 * ResourceEventHandler receives notifications. onUpdate also fires on resync with oldObj === newObj
 * (same resourceVersion); handlers that only care about real changes compare resourceVersions.
 */
export interface ResourceEventHandler<T> {
  onAdd?(obj: T, isInInitialList: boolean): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

/**
 * filteringResourceEventHandler forwards only objects that pass filter; an update that makes an
 * object pass (or stop passing) becomes an add (or a delete), as upstream.
 */
export function filteringResourceEventHandler<T>(filter: (obj: T | DeletedFinalStateUnknown<T>) => boolean, handler: ResourceEventHandler<T>): ResourceEventHandler<T> {
  return {
    onAdd: (obj, initial) => {
      if (filter(obj)) handler.onAdd?.(obj, initial);
    },
    onUpdate: (oldObj, newObj) => {
      const was = filter(oldObj);
      const is = filter(newObj);
      if (was && is) handler.onUpdate?.(oldObj, newObj);
      else if (!was && is) handler.onAdd?.(newObj, false);
      else if (was && !is) handler.onDelete?.(oldObj);
    },
    onDelete: (obj) => {
      if (filter(obj)) handler.onDelete?.(obj);
    },
  };
}
