// Mirrors pkg/scheduler/framework/plugins/defaultbinder/default_binder.go: bind by POSTing a
// Binding to pods/<name>/binding; the API server sets spec.nodeName.
import type { Pod } from '../../../../api/core/v1/types.js';
import { Status, type BindPlugin, type Handle } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import * as names from '../names/names.js';

export const Name = names.DefaultBinder;

export class DefaultBinderPlugin implements BindPlugin {
  constructor(private readonly handle: Handle) {}

  name(): string {
    return Name;
  }

  async bind(_state: CycleState, pod: Pod, nodeName: string): Promise<Status | null> {
    const ns = pod.metadata.namespace ?? 'default';
    try {
      await this.handle.clientSet().coreV1().pods(ns).bind({
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { namespace: ns, name: pod.metadata.name, uid: pod.metadata.uid },
        target: { kind: 'Node', name: nodeName },
      });
    } catch (err) {
      return Status.asStatus(err);
    }
    return null;
  }
}

export const New = (_args: unknown, h: Handle) => new DefaultBinderPlugin(h) satisfies BindPlugin;
