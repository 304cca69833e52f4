// Mirrors kubernetes/pkg/kubectl/cmd/rollingupdate.go (kubectl 1.x, removed in 1.18):
// `kubectl rolling-update OLD [NEW] (-f FILE | --image=IMAGE) [--rollback]` replaces a
// replication controller's pods one at a time with those of a new controller.
import { isNotFound } from '../../apimachinery/api/errors/errors.js';
import { readManifests } from '../resource/builder.js';
import { parseDuration } from './delete.js';
import { arr, bool, str } from './util/flags.js';
import { Aggregate, UsageError } from './util/helpers.js';
import { outputFlags, type Command } from './util/command.js';
import { objectFormats, parseOutput, printObjects } from '../printers/print-flags.js';
import {
  createNewControllerFromCurrentController, hashObject, loadExistingNextReplicationController, nextControllerAnnotation, rcPath,
  sourceIdAnnotation, updateExistingReplicationController, type RC,
} from '../rollingupdate/controllers.js';
import { abortRollingUpdate, rename, RollingUpdater, type RollingUpdaterConfig } from '../rollingupdate/rolling-updater.js';
import type { RESTClient } from '../rest/client.js';

export const rollingUpdateCommand: Command = {
  name: 'rolling-update',
  aliases: ['rollingupdate'],
  short: 'Perform a rolling update. This command is deprecated, use "rollout" instead.',
  flags: [
    { name: 'filename', short: 'f', kind: 'stringSlice' },
    ...outputFlags,
    { name: 'update-period', kind: 'string', default: '1m0s' },
    { name: 'poll-interval', kind: 'string', default: '3s' },
    { name: 'timeout', kind: 'string', default: '5m0s' },
    { name: 'image', kind: 'string' },
    { name: 'image-pull-policy', kind: 'string' },
    { name: 'deployment-label-key', kind: 'string', default: 'deployment' },
    { name: 'container', kind: 'string' },
    { name: 'rollback', kind: 'bool' },
    { name: 'dry-run', kind: 'string', default: 'none', noOptDefault: 'client' },
    { name: 'validate', kind: 'string', default: 'strict', noOptDefault: 'strict' },
  ],
  async run({ f, io, args, flags }) {
    const filenames = arr(flags, 'filename');
    const image = str(flags, 'image');
    const rollback = bool(flags, 'rollback');
    const deploymentKey = str(flags, 'deployment-label-key');
    validateArguments(filenames, image, rollback, deploymentKey, args);
    const client = await f.restClient();
    const { namespace } = await f.namespace();
    const pullPolicy = str(flags, 'image-pull-policy');
    const oldName = args[0]!;
    const out = io.stdout;

    let oldRc: RC;
    try {
      oldRc = await client.get<RC>(rcPath(namespace, oldName));
    } catch (err) {
      if (!isNotFound(err) || !image || args.length > 1) throw err;
      // In the middle of a rename: the controller whose source is oldName takes its name.
      const newRc = await findSourceController(client, namespace, oldName);
      await rename(client, io.clock, newRc, oldName);
      return;
    }

    let newRc: RC | undefined;
    let keepOldName = false;
    let replicasDefaulted = false;
    if (filenames.length) {
      const objs = await readManifests(io, { filenames, recursive: false });
      if (objs.length > 1) throw new Error(`${filenames[0]} specifies multiple items`);
      if (!objs.length) throw new Error(`please make sure ${filenames[0]} exists and is not empty`);
      const obj = objs[0]!.object;
      if (obj.kind !== 'ReplicationController' || obj.apiVersion !== 'v1')
        throw new UsageError(`${filenames[0]} contains a ${obj.apiVersion?.includes('/') ? obj.apiVersion : '/' + obj.apiVersion}, Kind=${obj.kind} not a ReplicationController`);
      newRc = structuredClone(obj) as RC;
      newRc.spec ??= {};
      replicasDefaulted = newRc.spec.replicas === undefined;
      newRc.metadata.namespace ??= namespace;
    }

    if (image) {
      keepOldName = args.length === 1;
      const newName = findNewName(args, oldRc);
      newRc = await loadExistingNextReplicationController(client, namespace, newName);
      if (newRc) {
        const inProgress = newRc.spec.template?.spec?.containers?.[0]?.image;
        if (inProgress !== image)
          throw new UsageError(`Found existing in-progress update to image (${inProgress}).\nEither continue in-progress update with --image=${inProgress} or rollback with --rollback`);
        out(`Found existing update in progress (${newRc.metadata.name}), resuming.\n`);
      } else {
        let policy: string | undefined;
        if (oldRc.spec.template?.spec?.containers?.[0]?.image === image) {
          if (!pullPolicy) throw new UsageError('--image-pull-policy (Always|Never|IfNotPresent) must be provided when --image is the same as existing container image');
          policy = pullPolicy;
        }
        newRc = await createNewControllerFromCurrentController(client, {
          namespace, oldName, newName, image, container: str(flags, 'container'), deploymentKey, ...(policy ? { pullPolicy: policy } : {}),
        });
      }
      // The old controller gets its own hash (with a suffix: the image may be the same) and a pointer to the next.
      const oldHash = (await hashObject(oldRc)) + '-orig';
      oldRc = await updateExistingReplicationController(client, namespace, oldRc, newRc.metadata.name!, deploymentKey, oldHash);
    }

    if (rollback) {
      keepOldName = args.length === 1;
      const newName = findNewName(args, oldRc);
      newRc = await loadExistingNextReplicationController(client, namespace, newName);
      if (!newRc) throw new UsageError(`Could not find ${newName} to rollback.\n`);
    }
    if (!newRc) throw new Error('no new controller to roll to');

    const filename = filenames[0] ?? '';
    if (oldName === newRc.metadata.name) throw new UsageError(`${filename} cannot have the same name as the existing ReplicationController ${oldName}`);
    // Every new pod must carry a selector value no old pod has.
    const oldSel = oldRc.spec.selector ?? {};
    const newSel = newRc.spec.selector ?? {};
    const hasLabel = Object.keys(oldSel).some((k) => k in newSel && newSel[k] !== oldSel[k]);
    if (!hasLabel) throw new UsageError(`${filename} must specify a matching key with non-equal value in Selector for ${oldName}`);
    if (replicasDefaulted) newRc.spec.replicas = oldRc.spec.replicas;

    const dry = str(flags, 'dry-run');
    if (dry !== 'none' && dry !== 'false') {
      const output = str(flags, 'output');
      let oldText = oldRc.metadata.name!;
      let newText = newRc.metadata.name!;
      if (output) {
        const fmt = parseOutput(output, objectFormats);
        oldText = '';
        newText = '';
        printObjects([oldRc], fmt, true, (s) => void (oldText += s));
        printObjects([newRc], fmt, true, (s) => void (newText += s));
      }
      out(`Rolling from:\n${oldText}\nTo:\n${newText}\n`);
      return;
    }

    const config: RollingUpdaterConfig = {
      out,
      oldRc,
      newRc,
      updatePeriod: parseDuration(str(flags, 'update-period')),
      interval: parseDuration(str(flags, 'poll-interval')),
      timeout: parseDuration(str(flags, 'timeout')),
      cleanupPolicy: keepOldName ? 'Rename' : 'Delete',
      maxSurge: 1,
      maxUnavailable: 0,
    };
    if (rollback) {
      abortRollingUpdate(config);
      await client.do('PUT', rcPath(namespace, config.newRc.metadata.name), { body: config.newRc }).catch(() => undefined);
    }
    await new RollingUpdater(client, namespace, io.clock).update(config);

    let message = 'rolling updated';
    let shownName = newRc.metadata.name!;
    if (keepOldName) shownName = oldName;
    else message = `rolling updated to "${newRc.metadata.name}"`;
    const final = await client.get<RC>(rcPath(namespace, shownName));
    out(`replicationcontroller/${keepOldName ? final.metadata.name : oldName} ${message}\n`);
  },
};

function validateArguments(filenames: string[], image: string, rollback: boolean, deploymentKey: string, args: string[]): void {
  const errors: UsageError[] = [];
  if (!deploymentKey) errors.push(new UsageError('--deployment-label-key can not be empty'));
  if (filenames.length > 1) errors.push(new UsageError('May only specify a single filename for new controller'));
  if (!rollback) {
    if (!filenames.length && !image) errors.push(new UsageError('Must specify --filename or --image for new controller'));
    else if (filenames.length && image) errors.push(new UsageError('--filename and --image can not both be specified'));
  } else if (filenames.length || image) errors.push(new UsageError("Don't specify --filename or --image on rollback"));
  if (!args.length) errors.push(new UsageError('Must specify the controller to update'));
  if (errors.length === 1) throw errors[0];
  if (errors.length) throw new Aggregate(errors);
}

/** findNewName is the second argument, else the old controller's next-controller annotation. */
function findNewName(args: string[], oldRc: RC): string {
  if (args.length >= 2) return args[1]!;
  return oldRc.metadata.annotations?.[nextControllerAnnotation] ?? '';
}

/** findSourceController finds the controller whose update-source-id names name. */
async function findSourceController(client: RESTClient, ns: string, name: string): Promise<RC> {
  const list = await client.get<{ items?: RC[] }>(rcPath(ns));
  for (const rc of list.items ?? []) {
    const source = rc.metadata.annotations?.[sourceIdAnnotation];
    if (source && source.split(':')[0] === name) return rc;
  }
  throw new Error(`couldn't find a replication controller with source id == ${ns}/${name}`);
}
