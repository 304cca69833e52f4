// Helpers the write commands share: resolving a manifest to its resource and namespace
// (resource.Info), wrapping errors with the source file (AddSourceToErr) and the operation
// messages kubectl prints ("pod/web created").
import { StatusError } from '../../../apimachinery/api/errors/errors.js';
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import type { APIResource, Discovery } from '../../rest/discovery.js';
import { kindPrefix } from '../../rest/discovery.js';
import { mappingError, type ManifestObject } from '../../resource/builder.js';

export interface Info {
  resource: APIResource;
  namespace: string | undefined;
  name: string;
  object: KubeObject;
  source: string;
}

/** toInfo maps a manifest to its resource; the namespace must agree with -n when both are set. */
export async function toInfo(d: Discovery, m: ManifestObject, ns: string, explicitNs: boolean): Promise<Info> {
  const r = await d.resourceForKind(m.object.apiVersion ?? '', m.object.kind ?? '');
  if (!r) throw mappingError(m);
  const objNs = m.object.metadata?.namespace;
  if (r.namespaced && objNs && explicitNs && objNs !== ns)
    throw new Error(
      `the namespace from the provided object "${objNs}" does not match the namespace "${ns}". You must pass '--namespace=${objNs}' to perform this operation.`,
    );
  const namespace = r.namespaced ? objNs || ns : undefined;
  // The builder's DefaultNamespace writes the namespace into the object (so last-applied records it).
  if (namespace && !objNs) m.object.metadata = { ...m.object.metadata, namespace };
  return { resource: r, namespace, name: m.object.metadata?.name ?? '', object: m.object, source: m.source };
}

/** addSourceToErr prefixes an API error with "error when <verb> "<file>": ", as kubectl does. */
export function addSourceToErr(verb: string, source: string, err: unknown): unknown {
  if (err instanceof StatusError && err.status.reason !== 'Invalid' && source) {
    return new StatusError({ ...err.status, message: `error when ${verb} "${source}": ${err.status.message}` });
  }
  return err;
}

/** operationMessage is "pod/web created" (or "pod/web" for -o name). */
export function operationMessage(r: APIResource, name: string, op: string, dryRun = '', short = false): string {
  return short ? `${kindPrefix(r)}/${name}\n` : `${kindPrefix(r)}/${name} ${op}${dryRun}\n`;
}
