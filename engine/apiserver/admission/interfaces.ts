// Mirrors k8s.io/apiserver/pkg/admission/interfaces.go and chain.go: admission attributes, mutating
// and validating plugins, and a chain that runs every mutating plugin before any validating one.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface Attributes {
  operation: Operation;
  group: string;
  version: string;
  kind: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  object?: KubeObject;
  oldObject?: KubeObject;
  user: string;
  dryRun: boolean;
}

/** Plugin is an admission controller; admit may mutate attrs.object, validate may only reject (throw StatusError). */
export interface Plugin {
  name: string;
  handles(op: Operation): boolean;
  admit?(a: Attributes): void | Promise<void>;
  validate?(a: Attributes): void | Promise<void>;
}

/** Chain runs plugins in order: all admit phases, then all validate phases. */
export class Chain {
  constructor(readonly plugins: Plugin[]) {}

  async run(a: Attributes): Promise<void> {
    for (const p of this.plugins) if (p.handles(a.operation)) await p.admit?.(a);
    for (const p of this.plugins) if (p.handles(a.operation)) await p.validate?.(a);
  }
}
