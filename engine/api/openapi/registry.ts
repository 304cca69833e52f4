// Mirrors pkg/generated/openapi (GetOpenAPIDefinitions) plus the scheme's kind → type lookup: every
// schema definition of the engine, by upstream name, and which one serves a group/version/kind.
import type { GroupVersionKind } from '../../apimachinery/runtime/schema/group-version.js';
import type { TypeDef } from './builder.js';
import { metaDefs } from './defs-meta.js';
import { podDefs } from './defs-core-pod.js';
import { coreDefs } from './defs-core.js';
import { appsDefs, autoscalingPolicyDefs, batchDefs } from './defs-apps-batch.js';
import { autoscalingHPADefs, coordinationDefs } from './defs-coordination-autoscaling.js';
import { autoscalingV2Defs } from './defs-autoscaling-v2.js';
import { discoveryDefs } from './defs-discovery.js';

const all: TypeDef[] = [...metaDefs, ...podDefs, ...coreDefs, ...appsDefs, ...batchDefs, ...autoscalingPolicyDefs, ...autoscalingHPADefs, ...autoscalingV2Defs, ...coordinationDefs, ...discoveryDefs];

/** definitions holds every type by its upstream name ("io.k8s.api.core.v1.Pod"). */
export const definitions: ReadonlyMap<string, TypeDef> = new Map(all.map((d) => [d.name, d]));

const byGVK = new Map<string, string>();
for (const d of all) for (const g of d.gvks ?? []) byGVK.set(`${g.group}/${g.version}/${g.kind}`, d.name);

/** schemaNameFor returns the schema name serving a kind ("io.k8s.api.apps.v1.Deployment"), or undefined. */
export function schemaNameFor(gvk: GroupVersionKind): string | undefined {
  return byGVK.get(`${gvk.group}/${gvk.version}/${gvk.kind}`);
}

/** typeDef returns a definition by name; it throws for a name no definition declares (a bug in the data). */
export function typeDef(name: string): TypeDef {
  const d = definitions.get(name);
  if (!d) throw new Error(`openapi: no definition named ${name}`);
  return d;
}

/** typeDefFor returns the definition of a kind, or undefined when the kind is unknown. */
export function typeDefFor(gvk: GroupVersionKind): TypeDef | undefined {
  const name = schemaNameFor(gvk);
  return name ? definitions.get(name) : undefined;
}
