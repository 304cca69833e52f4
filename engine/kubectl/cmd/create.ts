// Mirrors k8s.io/kubectl/pkg/cmd/create/create.go: POSTs every object from -f (files, folders,
// stdin) with fieldManager=kubectl-create and strict field validation, reporting "pod/web created".
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { resourcePath } from '../rest/discovery.js';
import { readManifests, requireFilenames } from '../resource/builder.js';
import { objectFormats, parseOutput, printObjects } from '../printers/print-flags.js';
import { arr, bool, str } from './util/flags.js';
import { Aggregate } from './util/helpers.js';
import { addSourceToErr, operationMessage, toInfo } from './util/objects.js';
import { dryRunFlag, filenameFlags, outputFlags, type Command } from './util/command.js';
import { dryRunStrategy, dryRunSuffix } from './util/dry-run.js';
import { lastAppliedAnnotation, setLastApplied } from './apply.js';
import { createDeploymentCommand, createNamespaceCommand, createServiceAccountCommand } from './create/create-simple.js';
import { createConfigMapCommand, createSecretCommand } from './create/create-data.js';
import { createServiceCommand } from './create/create-service.js';
import { createCronJobCommand, createJobCommand } from './create/create-job.js';
import { createQuotaCommand } from './create/create-quota.js';

export const createCommand: Command = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  sub: [createConfigMapCommand, createCronJobCommand, createDeploymentCommand, createJobCommand, createNamespaceCommand, createQuotaCommand, createSecretCommand, createServiceCommand, createServiceAccountCommand],
  flags: [...filenameFlags, ...outputFlags, dryRunFlag, { name: 'save-config', kind: 'bool' }, { name: 'validate', kind: 'string', default: 'strict', noOptDefault: 'strict' }, { name: 'edit', kind: 'bool' }, { name: 'selector', short: 'l', kind: 'string' }],
  async run({ f, io, flags }) {
    const fo = { filenames: arr(flags, 'filename'), recursive: bool(flags, 'recursive') };
    requireFilenames(fo);
    const output = str(flags, 'output') ? parseOutput(str(flags, 'output'), objectFormats) : undefined;
    const dryRun = dryRunStrategy(flags);
    const manifests = await readManifests(io, fo);
    const client = await f.restClient();
    const disco = await f.discovery();
    const { namespace, explicit } = await f.namespace();
    const errors: unknown[] = [];
    const created: KubeObject[] = [];
    for (const m of manifests) {
      try {
        const info = await toInfo(disco, m, namespace, explicit);
        if (bool(flags, 'save-config')) setLastApplied(info.object);
        let obj = info.object;
        if (dryRun !== 'client') {
          const query: Record<string, string> = { fieldManager: 'kubectl-create', fieldValidation: str(flags, 'validate') === 'false' ? 'Ignore' : 'Strict' };
          if (dryRun === 'server') query.dryRun = 'All';
          obj = await client.do<KubeObject>('POST', resourcePath(info.resource, info.namespace), { body: info.object, query }).catch((err) => {
            throw addSourceToErr('creating', m.source, err);
          });
        }
        if (output && output.kind !== 'name') created.push(obj);
        else io.stdout(operationMessage(info.resource, obj.metadata.name ?? info.name, 'created', dryRunSuffix(dryRun), output?.kind === 'name'));
      } catch (err) {
        errors.push(err);
      }
    }
    if (output && created.length) for (const o of created) printObjects([o], output, true, io.stdout);
    if (errors.length) throw new Aggregate(errors);
    void lastAppliedAnnotation;
  },
};
