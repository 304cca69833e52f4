// Mirrors cmd/kube-controller-manager/app/controllermanager.go's ControllerContext, split the way
// our constructors use it: ControllerContext is what one controller gets (the shared clientset and
// informers, the clock, its own event recorder and its options); the manager's start functions get
// InitContext, the same shared pieces plus the broadcaster recorders come from and all options.
import type { Clientset } from '../client/kubernetes/clientset.js';
import type { SharedInformerFactory } from '../client/informers/factory.js';
import type { EventBroadcaster, EventRecorder } from '../client/tools/record/event.js';
import type { Clock } from '../util/clock.js';

/** ControllerContext is what the controller manager hands a controller constructor. */
export interface ControllerContext<O = Record<string, unknown>> {
  clientset: Clientset;
  informerFactory: SharedInformerFactory;
  clock: Clock;
  /** recorder records the controller's events under its component name. */
  recorder: EventRecorder;
  options?: Partial<O>;
}

/** InitContext is what every start function of the manager gets (upstream's ControllerContext). */
export interface InitContext<O> extends Omit<ControllerContext<O>, 'recorder' | 'options'> {
  broadcaster: EventBroadcaster;
  options: O;
}

/** controllerContext builds one controller's context, with a recorder named after its component. */
export function controllerContext<O>(ctx: InitContext<unknown>, component: string, options?: Partial<O>): ControllerContext<O> {
  return { clientset: ctx.clientset, informerFactory: ctx.informerFactory, clock: ctx.clock, recorder: ctx.broadcaster.newRecorder({ component }), ...(options ? { options } : {}) };
}
