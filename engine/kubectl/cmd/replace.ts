// Mirrors k8s.io/kubectl/pkg/cmd/replace/replace.go: PUTs each object from -f over the live one
// ("replaced"); --force deletes and re-creates instead.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { resourcePath } from '../rest/discovery.js';
import { readManifests, requireFilenames } from '../resource/builder.js';
import { arr, bool } from './util/flags.js';
import { Aggregate } from './util/helpers.js';
import { addSourceToErr, operationMessage, toInfo } from './util/objects.js';
import { dryRunFlag, filenameFlags, outputFlags, type Command } from './util/command.js';

export const replaceCommand: Command = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  flags: [...filenameFlags, ...outputFlags, dryRunFlag, { name: 'force', kind: 'bool' }, { name: 'save-config', kind: 'bool' }, { name: 'validate', kind: 'string', default: 'strict', noOptDefault: 'strict' }],
  async run({ f, io, flags }) {
    const fo = { filenames: arr(flags, 'filename'), recursive: bool(flags, 'recursive') };
    requireFilenames(fo);
    const client = await f.restClient();
    const disco = await f.discovery();
    const { namespace, explicit } = await f.namespace();
    const errors: unknown[] = [];
    for (const m of await readManifests(io, fo)) {
      try {
        const info = await toInfo(disco, m, namespace, explicit);
        const path = resourcePath(info.resource, info.namespace, info.name);
        if (bool(flags, 'force')) {
          await client.do('DELETE', path, { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } }).catch(() => undefined);
          io.stdout(`${operationMessage(info.resource, info.name, 'deleted').trimEnd()}\n`);
          await client.do<KubeObject>('POST', resourcePath(info.resource, info.namespace), { body: info.object, query: { fieldManager: 'kubectl-replace' } });
          io.stdout(operationMessage(info.resource, info.name, 'replaced'));
          continue;
        }
        await client
          .do<KubeObject>('PUT', path, { body: info.object, query: { fieldManager: 'kubectl-replace', fieldValidation: 'Strict' } })
          .catch((err) => {
            throw addSourceToErr('replacing', m.source, err);
          });
        io.stdout(operationMessage(info.resource, info.name, 'replaced'));
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw new Aggregate(errors);
  },
};
