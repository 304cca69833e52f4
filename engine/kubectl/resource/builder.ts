// Mirrors k8s.io/cli-runtime/pkg/resource (builder.go, visitor.go): turns command arguments
// ("pods web", "pods,svc", "pod/web") and -f files, folders and stdin (multi-document YAML, JSON,
// List kinds) into resource infos the commands act on.
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import type { KubectlIO } from '../cmd/util/io.js';
import { UsageError } from '../cmd/util/helpers.js';
import type { APIResource, Discovery } from '../rest/discovery.js';

export interface TypedNames {
  typed: string;
  names: string[];
}

/** splitTypeNameArgs parses "TYPE[,TYPE] [NAME…]" or "TYPE/NAME …" as ResourceTypeOrNameArgs does. */
export function splitTypeNameArgs(args: string[]): TypedNames[] {
  if (!args.length) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length)
      throw new Error(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
      );
    const out: TypedNames[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      const typed = a.slice(0, slash);
      const name = a.slice(slash + 1);
      if (!typed || !name) throw new Error(`arguments in resource/name form must have a single resource and name`);
      const prev = out.find((t) => t.typed === typed);
      if (prev) prev.names.push(name);
      else out.push({ typed, names: [name] });
    }
    return out;
  }
  const [types, ...names] = args;
  const typeList = types!.split(',').filter(Boolean);
  if (names.length && typeList.length > 1) return typeList.map((t) => ({ typed: t, names: [...names] }));
  return typeList.map((t) => ({ typed: t, names: [...names] }));
}

/** legacyAll is what "all" meant before the server reported categories. */
const legacyAll = ['pods', 'replicationcontrollers', 'services', 'daemonsets.apps', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'horizontalpodautoscalers.autoscaling', 'jobs.batch', 'cronjobs.batch'];

/** expandTypes resolves typed names (and categories like "all") to API resources. */
export async function expandTypes(d: Discovery, typed: string): Promise<APIResource[]> {
  await d.load();
  const direct = d.match(typed);
  if (direct) return [direct];
  const cat = await d.category(typed);
  if (cat.length) return cat;
  if (typed === 'all') return legacyAll.map((t) => d.match(t)).filter((r): r is APIResource => !!r);
  return [await d.resourceFor(typed)];
}

export interface ManifestObject {
  object: KubeObject;
  source: string;
}

export interface FilenameOptions {
  filenames: string[];
  recursive: boolean;
}

const manifestExt = /\.(ya?ml|json)$/;

/** readManifests loads every object from -f paths ("-" is stdin), flattening List kinds. */
export async function readManifests(io: KubectlIO, o: FilenameOptions): Promise<ManifestObject[]> {
  const out: ManifestObject[] = [];
  for (const path of o.filenames) {
    if (path === '-') {
      out.push(...decodeManifests(await io.stdin(), 'STDIN'));
      continue;
    }
    if (/^https?:\/\//.test(path)) throw new Error(`unable to read URL "${path}": remote manifests are not available here`);
    const kind = await io.files.stat(path);
    if (!kind) throw new Error(`the path "${path}" does not exist`);
    if (kind === 'file') {
      out.push(...decodeManifests(await io.files.readFile(path), path));
      continue;
    }
    for (const file of await listDir(io, path, o.recursive)) out.push(...decodeManifests(await io.files.readFile(file), file));
  }
  return out;
}

async function listDir(io: KubectlIO, dir: string, recursive: boolean): Promise<string[]> {
  const files: string[] = [];
  for (const name of await io.files.readDir(dir)) {
    const p = `${dir.replace(/\/+$/, '')}/${name}`;
    const kind = await io.files.stat(p);
    if (kind === 'dir' && recursive) files.push(...(await listDir(io, p, recursive)));
    else if (kind === 'file' && manifestExt.test(name)) files.push(p);
  }
  return files;
}

/** decodeManifests parses YAML or JSON text (several documents allowed) into objects. */
export function decodeManifests(text: string, source: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  const docs = parseAllDocuments(text);
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length) throw new Error(`error parsing ${source}: ${doc.errors[0]!.message}`);
    const v = doc.toJS() as unknown;
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`error validating "${source}": error validating data: invalid object to validate`);
    const obj = v as KubeObject;
    if (!obj.kind) throw new Error(`error validating "${source}": error validating data: kind not set`);
    if (!obj.apiVersion) throw new Error(`error validating "${source}": error validating data: apiVersion not set`);
    if (obj.kind.endsWith('List') && Array.isArray((obj as { items?: unknown }).items)) {
      for (const item of (obj as unknown as { items: KubeObject[] }).items) out.push({ object: item, source });
      continue;
    }
    obj.metadata ??= {};
    out.push({ object: obj, source });
  }
  return out;
}

/** mappingError is kubectl's message when a manifest's kind is unknown to the server. */
export function mappingError(m: ManifestObject): Error {
  const o = m.object;
  return new Error(
    `resource mapping not found for name: "${o.metadata?.name ?? ''}" namespace: "${o.metadata?.namespace ?? ''}" from "${m.source}": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`,
  );
}

export function requireFilenames(o: FilenameOptions): void {
  if (!o.filenames.length) throw new UsageError('must specify one of -f and -k');
}
