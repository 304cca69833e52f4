// resource.Builder's "type name…" and "type/name" resolution for verbs that act on existing
// objects (label, annotate, patch, scale, describe): returns the objects' resources and names.
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { resourcePath, type APIResource } from '../../rest/discovery.js';
import { expandTypes, readManifests, splitTypeNameArgs } from '../../resource/builder.js';
import type { Factory } from './factory.js';
import type { KubectlIO } from './io.js';
import { listObjects } from '../get.js';
import { toInfo } from './objects.js';
import { arr, bool, str, type FlagValues } from './flags.js';

export interface Target {
  resource: APIResource;
  namespace: string | undefined;
  name: string;
  /** object is set when the target came from a list (selector or --all). */
  object?: KubeObject;
}

export interface TargetOptions {
  filenames?: string[];
  selector?: string;
  all?: boolean;
  allNamespaces?: boolean;
}

/** targetOptions reads the builder's flags (-f, -l, --all, -A); a selector counts only when given on the command line. */
export function targetOptions(flags: FlagValues, changed: Set<string>): TargetOptions {
  return {
    filenames: arr(flags, 'filename'),
    ...(changed.has('selector') ? { selector: str(flags, 'selector') } : {}),
    all: bool(flags, 'all'),
    allNamespaces: bool(flags, 'all-namespaces'),
  };
}

export async function resolveTargets(f: Factory, io: KubectlIO, args: string[], o: TargetOptions): Promise<Target[]> {
  const disco = await f.discovery();
  const client = await f.restClient();
  const { namespace, explicit } = await f.namespace();
  const out: Target[] = [];
  if (o.filenames?.length) {
    for (const m of await readManifests(io, { filenames: o.filenames, recursive: false })) {
      const info = await toInfo(disco, m, namespace, explicit);
      out.push({ resource: info.resource, namespace: info.namespace, name: info.name });
    }
    return out;
  }
  for (const t of splitTypeNameArgs(args)) {
    for (const r of await expandTypes(disco, t.typed)) {
      const ns = r.namespaced ? (o.allNamespaces ? undefined : namespace) : undefined;
      if (t.names.length) for (const name of t.names) out.push({ resource: r, namespace: ns, name });
      else if (o.selector !== undefined || o.all) {
        const q: Record<string, string> = o.selector ? { labelSelector: o.selector } : {};
        for (const obj of await listObjects(client, r, ns, q)) out.push({ resource: r, namespace: obj.metadata.namespace, name: obj.metadata.name!, object: obj });
      } else throw new Error(`resource(s) were provided, but no name was specified`);
    }
  }
  return out;
}

export function targetPath(t: Target, sub?: string): string {
  return resourcePath(t.resource, t.namespace, t.name, sub);
}
