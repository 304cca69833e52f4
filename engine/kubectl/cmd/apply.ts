// Mirrors k8s.io/kubectl/pkg/cmd/apply/apply.go and patcher.go (client-side apply): creates what
// is missing (recording kubectl.kubernetes.io/last-applied-configuration), otherwise sends a
// three-way strategic merge patch between the last applied, the new and the live configuration.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { isNotFound } from '../../apimachinery/api/errors/errors.js';
import { parseAPIVersion } from '../../apimachinery/runtime/schema/group-version.js';
import { emptyPatchMeta } from '../../apimachinery/util/strategicpatch/meta.js';
import { patchMetaFor } from '../../api/openapi/patch-meta.js';
import { resourcePath } from '../rest/discovery.js';
import { readManifests, requireFilenames } from '../resource/builder.js';
import { toJSON } from '../printers/marshal.js';
import { objectFormats, parseOutput, printObjects } from '../printers/print-flags.js';
import { ConflictError, createThreeWayMergePatch } from '../../apimachinery/util/strategicpatch/patch.js';
import { arr, bool, str } from './util/flags.js';
import { Aggregate } from './util/helpers.js';
import { addSourceToErr, operationMessage, toInfo } from './util/objects.js';
import { dryRunFlag, filenameFlags, outputFlags, type Command } from './util/command.js';
import { dryRunStrategy, dryRunSuffix } from './util/dry-run.js';

export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/** setLastApplied stores the object's own JSON (without the annotation) in the annotation. */
export function setLastApplied(obj: KubeObject): void {
  obj.metadata ??= {};
  const copy = structuredClone(obj);
  // Upstream sets the annotations map even when empty, so the stored JSON has "annotations":{}.
  copy.metadata.annotations = { ...copy.metadata.annotations };
  delete copy.metadata.annotations[lastAppliedAnnotation];
  obj.metadata.annotations = { ...obj.metadata.annotations, [lastAppliedAnnotation]: toJSON(copy, '') + '\n' };
}

export const applyCommand: Command = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  flags: [
    ...filenameFlags,
    ...outputFlags,
    dryRunFlag,
    { name: 'prune', kind: 'bool' },
    { name: 'force', kind: 'bool' },
    { name: 'server-side', kind: 'bool' },
    { name: 'validate', kind: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'overwrite', kind: 'bool', default: true },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'field-manager', kind: 'string', default: 'kubectl-client-side-apply' },
  ],
  async run({ f, io, flags }) {
    const fo = { filenames: arr(flags, 'filename'), recursive: bool(flags, 'recursive') };
    if (!fo.filenames.length) throw new Error('error: must specify one of -f and -k');
    requireFilenames(fo);
    const output = str(flags, 'output') ? parseOutput(str(flags, 'output'), objectFormats) : undefined;
    const dryRun = dryRunStrategy(flags);
    const manifests = await readManifests(io, fo);
    const client = await f.restClient();
    const disco = await f.discovery();
    const { namespace, explicit } = await f.namespace();
    const manager = str(flags, 'field-manager');
    const errors: unknown[] = [];
    for (const m of manifests) {
      try {
        const info = await toInfo(disco, m, namespace, explicit);
        const modified = structuredClone(info.object);
        setLastApplied(modified);
        const path = resourcePath(info.resource, info.namespace, info.name);
        const query: Record<string, string> = { fieldManager: manager };
        if (dryRun === 'server') query.dryRun = 'All';
        let live: KubeObject | undefined;
        try {
          live = await client.get<KubeObject>(path);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
        let result: KubeObject = modified;
        let op: string;
        if (!live) {
          if (dryRun !== 'client') {
            result = await client
              .do<KubeObject>('POST', resourcePath(info.resource, info.namespace), { body: modified, query: { ...query, fieldValidation: 'Strict' } })
              .catch((err) => {
                throw addSourceToErr('creating', m.source, err);
              });
          }
          op = 'created';
        } else {
          const originalText = live.metadata.annotations?.[lastAppliedAnnotation];
          if (originalText === undefined)
            io.stderr(
              `Warning: resource ${info.resource.name}/${info.name} is missing the ${lastAppliedAnnotation} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
            );
          const original = originalText ? (JSON.parse(originalText) as Record<string, unknown>) : undefined;
          const gv = parseAPIVersion(info.object.apiVersion ?? '');
          let meta = emptyPatchMeta;
          try {
            meta = patchMetaFor({ group: gv.group, version: gv.version, kind: info.object.kind ?? '' });
          } catch {
            meta = emptyPatchMeta;
          }
          const strategic = meta !== emptyPatchMeta;
          // Kinds without patch meta (custom resources) get a JSON merge patch: with empty meta every
          // list is replaced, which is what CreateThreeWayJSONMergePatch computes.
          let patch: Record<string, unknown>;
          try {
            patch = createThreeWayMergePatch(original, modified, live, meta, bool(flags, 'overwrite'));
          } catch (err) {
            // AddSourceToErr(createPatchErrFormat …): the three documents, the file, the conflict.
            if (err instanceof ConflictError)
              throw new Error(`error when creating patch with:\noriginal:\n${originalText ?? ''}\nmodified:\n${toJSON(modified, '')}\ncurrent:\n${toJSON(live, '')}\nfor: "${m.source}": ${err.message}`);
            throw err;
          }
          if (!Object.keys(patch).length) {
            op = 'unchanged';
            result = live;
          } else {
            op = 'configured';
            if (dryRun !== 'client') {
              result = await client
                .do<KubeObject>('PATCH', path, {
                  body: patch,
                  contentType: strategic ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json',
                  query: { ...query, fieldValidation: 'Strict' },
                })
                .catch((err) => {
                  throw addSourceToErr('patching', m.source, err);
                });
            }
          }
        }
        if (output && output.kind !== 'name') printObjects([result], output, true, io.stdout);
        else io.stdout(operationMessage(info.resource, info.name, op, dryRunSuffix(dryRun), output?.kind === 'name'));
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw new Aggregate(errors);
  },
};
