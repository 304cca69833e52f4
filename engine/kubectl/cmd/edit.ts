// Mirrors k8s.io/kubectl/pkg/cmd/edit/edit.go and pkg/cmd/util/editor: opens the live object as
// YAML in $EDITOR (an injected hook), then patches what changed ("edited"), or reports
// "Edit cancelled, no changes made."
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { parse as parseYAML } from 'yaml';
import { parseAPIVersion } from '../../apimachinery/runtime/schema/group-version.js';
import { emptyPatchMeta } from '../../apimachinery/util/strategicpatch/meta.js';
import { patchMetaFor } from '../../api/openapi/patch-meta.js';
import { createTwoWayMergePatch, PatchError, requireKeyUnchanged, requireMetadataKeyUnchanged } from '../../apimachinery/util/strategicpatch/patch.js';
import { deepEqual } from '../../apimachinery/api/equality/semantic.js';
import { kindPrefix } from '../rest/discovery.js';
import { toJSON, toYAML } from '../printers/marshal.js';
import { stripManagedFields } from '../printers/print-flags.js';
import { arr, str } from './util/flags.js';
import { resolveTargets, targetPath } from './util/targets.js';
import { filenameFlags, type Command } from './util/command.js';

const header = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export const editCommand: Command = {
  name: 'edit',
  short: 'Edit a resource on the server',
  flags: [...filenameFlags, { name: 'output', short: 'o', kind: 'string', default: 'yaml' }, { name: 'record', kind: 'bool' }, { name: 'save-config', kind: 'bool' }, { name: 'validate', kind: 'string', default: 'strict' }, { name: 'subresource', kind: 'string' }],
  async run({ f, io, flags, args }) {
    if (!io.editor) throw new Error('no editor available: set EDITOR or KUBE_EDITOR');
    const client = await f.restClient();
    for (const t of await resolveTargets(f, io, args, { filenames: arr(flags, 'filename') })) {
      const live = stripManagedFields(await client.get<KubeObject>(targetPath(t)));
      const asJSON = str(flags, 'output') === 'json';
      const text = header + (asJSON ? toJSON(live) + '\n' : toYAML(live));
      const edited = await io.editor(text, `${t.resource.name}-${t.name}-edit.${asJSON ? 'json' : 'yaml'}`);
      const body = edited.split('\n').filter((l) => !l.startsWith('#')).join('\n');
      if (!body.trim()) {
        io.stderr('Edit cancelled, no valid changes were saved.\n');
        continue;
      }
      const obj = parseYAML(body) as KubeObject;
      if (deepEqual(obj, live)) {
        io.stderr('Edit cancelled, no changes made.\n');
        continue;
      }
      const gv = parseAPIVersion(live.apiVersion ?? '');
      let meta = emptyPatchMeta;
      try {
        meta = patchMetaFor({ group: gv.group, version: gv.version, kind: live.kind ?? '' });
      } catch {
        meta = emptyPatchMeta;
      }
      // edit sends the two-way patch from what it showed to what was saved, refusing to rename.
      let patch: Record<string, unknown>;
      try {
        patch = createTwoWayMergePatch(live, obj, meta, requireKeyUnchanged('apiVersion'), requireKeyUnchanged('kind'), requireMetadataKeyUnchanged('name'));
      } catch (err) {
        if (err instanceof PatchError && err.message.startsWith('precondition failed')) throw new Error('At least one of apiVersion, kind and name was changed');
        throw err;
      }
      await client.do('PATCH', targetPath(t), {
        body: patch,
        contentType: meta === emptyPatchMeta ? 'application/merge-patch+json' : 'application/strategic-merge-patch+json',
        query: { fieldManager: 'kubectl-edit' },
      });
      io.stdout(`${kindPrefix(t.resource)}/${t.name} edited\n`);
    }
  },
};
