// Mirrors pkg/proxy/config/config.go: ServiceConfig and EndpointSliceConfig register informer event
// handlers that forward every add/update/delete to the proxier, and tell it once the informer has
// synced. One handler per config instead of a list of handlers; the handler is removed when the
// run's signal aborts, so a proxier can leave an informer it shares with others.
import type { Endpoints, Service } from '../../api/core/v1/types.js';
import type { EndpointSlice } from '../../api/discovery/v1/types.js';
import { gvr } from '../../client/informers/generic.js';
import type { SharedInformerFactory } from '../../client/informers/factory.js';
import { DeletedFinalStateUnknown } from '../../client/tools/cache/controller.js';
import type { Clock } from '../../util/clock.js';
import type { EndpointSliceHandler, EndpointsHandler, ServiceHandler } from '../types.js';

/** endpointSlicesResource is discovery.k8s.io/v1 endpointslices. */
export const endpointSlicesResource = gvr('discovery.k8s.io', 'v1', 'endpointslices');

const unwrap = <T>(obj: T | DeletedFinalStateUnknown<T>): T => (obj instanceof DeletedFinalStateUnknown ? obj.obj : obj);

/** newServiceConfig wires the services informer to handler. */
export function newServiceConfig(factory: SharedInformerFactory, handler: ServiceHandler): { run(signal: AbortSignal): Promise<void> } {
  const inf = factory.core().v1().services().informer();
  const reg = inf.addEventHandler({
    onAdd: (svc: Service) => handler.onServiceAdd(svc),
    onUpdate: (oldSvc: Service, svc: Service) => handler.onServiceUpdate(oldSvc, svc),
    onDelete: (svc) => handler.onServiceDelete(unwrap(svc)),
  });
  return { run: (signal) => waitThen(factory.options.clock, signal, () => inf.hasSynced(), () => handler.onServiceSynced(), () => inf.removeEventHandler(reg)) };
}

/** newEndpointSliceConfig wires the EndpointSlices informer to handler. */
export function newEndpointSliceConfig(factory: SharedInformerFactory, handler: EndpointSliceHandler): { run(signal: AbortSignal): Promise<void> } {
  const inf = factory.forResource<EndpointSlice>(endpointSlicesResource).informer();
  const reg = inf.addEventHandler({
    onAdd: (slice: EndpointSlice) => handler.onEndpointSliceAdd(slice),
    onUpdate: (oldSlice: EndpointSlice, slice: EndpointSlice) => handler.onEndpointSliceUpdate(oldSlice, slice),
    onDelete: (slice) => handler.onEndpointSliceDelete(unwrap(slice)),
  });
  return { run: (signal) => waitThen(factory.options.clock, signal, () => inf.hasSynced(), () => handler.onEndpointSlicesSynced(), () => inf.removeEventHandler(reg)) };
}

/** newEndpointsConfig wires the legacy endpoints informer to handler. */
export function newEndpointsConfig(factory: SharedInformerFactory, handler: EndpointsHandler): { run(signal: AbortSignal): Promise<void> } {
  const inf = factory.core().v1().endpoints().informer();
  const reg = inf.addEventHandler({
    onAdd: (eps: Endpoints) => handler.onEndpointsAdd(eps),
    onUpdate: (oldEps: Endpoints, eps: Endpoints) => handler.onEndpointsUpdate(oldEps, eps),
    onDelete: (eps) => handler.onEndpointsDelete(unwrap(eps)),
  });
  return { run: (signal) => waitThen(factory.options.clock, signal, () => inf.hasSynced(), () => handler.onEndpointsSynced(), () => inf.removeEventHandler(reg)) };
}

/**
 * waitThen polls synced every 100ms of clock time (cache.WaitForNamedCacheSync), then calls done;
 * leave runs when signal aborts.
 */
async function waitThen(clock: Clock, signal: AbortSignal, synced: () => boolean, done: () => void, leave: () => void): Promise<void> {
  if (signal.aborted) leave();
  else signal.addEventListener('abort', leave, { once: true });
  while (!synced()) {
    if (signal.aborted) return;
    await clock.sleep(100);
  }
  done();
}
