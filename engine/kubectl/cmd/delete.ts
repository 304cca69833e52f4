// Mirrors k8s.io/kubectl/pkg/cmd/delete/delete.go: deletes by name, -f, -l or --all with
// DeleteOptions (--cascade background|foreground|orphan, --grace-period, --now, --force), prints
// `pod "web" deleted`, then by default waits until each object is gone.
import type { DeleteOptions, KubeList } from '../../apimachinery/apis/meta/v1/types.js';
import { StatusError } from '../../apimachinery/api/errors/errors.js';
import { kindPrefix, resourcePath, type APIResource } from '../rest/discovery.js';
import { expandTypes, readManifests, splitTypeNameArgs } from '../resource/builder.js';
import { arr, bool, int, str } from './util/flags.js';
import { Aggregate } from './util/helpers.js';
import { toInfo } from './util/objects.js';
import { dryRunFlag, filenameFlags, type Command } from './util/command.js';
import { dryRunStrategy, dryRunSuffix } from './util/dry-run.js';
import { listObjects } from './get.js';

interface Target {
  resource: APIResource;
  namespace: string | undefined;
  name: string;
}

const noArgs = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export const deleteCommand: Command = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  flags: [
    ...filenameFlags,
    dryRunFlag,
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'field-selector', kind: 'string' },
    { name: 'all', kind: 'bool' },
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'cascade', kind: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'grace-period', kind: 'int', default: -1 },
    { name: 'now', kind: 'bool' },
    { name: 'force', kind: 'bool' },
    { name: 'wait', kind: 'bool', default: true },
    { name: 'timeout', kind: 'string', default: '0s' },
    { name: 'ignore-not-found', kind: 'bool' },
    { name: 'output', short: 'o', kind: 'string' },
  ],
  async run({ f, io, flags, args }) {
    const filenames = arr(flags, 'filename');
    if (!args.length && !filenames.length) throw new Error(noArgs);
    const cascade = str(flags, 'cascade');
    const policy = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan', true: 'Background', false: 'Orphan' }[cascade] as DeleteOptions['propagationPolicy'];
    if (!policy) throw new Error(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
    let grace = int(flags, 'grace-period');
    if (bool(flags, 'now')) {
      if (grace !== -1) throw new Error('--now and --grace-period cannot be specified together');
      grace = 1;
    }
    if (bool(flags, 'force') && grace < 0) grace = 0;
    const dryRun = dryRunStrategy(flags);
    const client = await f.restClient();
    const disco = await f.discovery();
    const { namespace, explicit } = await f.namespace();
    const allNs = bool(flags, 'all-namespaces');
    const selector = str(flags, 'selector');
    const fieldSelector = str(flags, 'field-selector');
    if (args.length && !filenames.length) {
      const typed = splitTypeNameArgs(args);
      const hasNames = typed.some((t) => t.names.length);
      if (!hasNames && !selector && !fieldSelector && !bool(flags, 'all'))
        throw new Error(`resource(s) were provided, but no name was specified`);
      if (hasNames && (selector || bool(flags, 'all'))) throw new Error(`name cannot be provided when a selector is specified`);
    }

    const targets: Target[] = [];
    if (filenames.length) {
      for (const m of await readManifests(io, { filenames, recursive: bool(flags, 'recursive') })) {
        const info = await toInfo(disco, m, namespace, explicit);
        targets.push({ resource: info.resource, namespace: info.namespace, name: info.name });
      }
    } else {
      for (const t of splitTypeNameArgs(args)) {
        for (const r of await expandTypes(disco, t.typed)) {
          const ns = r.namespaced ? (allNs ? undefined : namespace) : undefined;
          if (t.names.length) for (const name of t.names) targets.push({ resource: r, namespace: ns, name });
          else {
            const q: Record<string, string> = {};
            if (selector) q.labelSelector = selector;
            if (fieldSelector) q.fieldSelector = fieldSelector;
            for (const o of await listObjects(client, r, ns, q)) targets.push({ resource: r, namespace: o.metadata.namespace, name: o.metadata.name! });
          }
        }
      }
      if (!targets.length) {
        io.stderr('No resources found\n');
        return 0;
      }
    }

    const options: DeleteOptions = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: policy };
    if (grace >= 0) options.gracePeriodSeconds = grace;
    if (dryRun === 'server') options.dryRun = ['All'];
    if (bool(flags, 'force') && grace === 0) io.stderr('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
    const errors: unknown[] = [];
    const deleted: Target[] = [];
    for (const t of targets) {
      try {
        if (dryRun !== 'client') await client.do('DELETE', resourcePath(t.resource, t.namespace, t.name), { body: options });
        io.stdout(str(flags, 'output') === 'name' ? `${kindPrefix(t.resource)}/${t.name}\n` : `${kindPrefix(t.resource)} "${t.name}" deleted${dryRunSuffix(dryRun)}\n`);
        deleted.push(t);
      } catch (err) {
        if (bool(flags, 'ignore-not-found') && err instanceof StatusError && err.reason === 'NotFound') continue;
        errors.push(err);
      }
    }
    if (bool(flags, 'wait') && dryRun === 'none' && !(bool(flags, 'force') && grace === 0)) {
      const timeoutMs = parseDuration(str(flags, 'timeout')) || 7 * 24 * 3600_000;
      for (const t of deleted) {
        const start = io.clock.now();
        for (;;) {
          const list = await client
            .get<KubeList>(resourcePath(t.resource, t.namespace), { query: { fieldSelector: `metadata.name=${t.name}` } })
            .catch(() => ({ items: [] }) as unknown as KubeList);
          // Only the same object counts; a new one of the same name does not keep us waiting.
          if (!list.items?.length) break;
          if (io.clock.now() - start >= timeoutMs) {
            errors.push(new Error(`timed out waiting for the condition on ${t.resource.name}/${t.name}`));
            break;
          }
          await io.clock.sleep(1000);
        }
      }
    }
    if (errors.length) throw new Aggregate(errors);
  },
};

/** parseDuration reads Go durations like "30s", "5m", "1h" (0 when empty). */
export function parseDuration(s: string): number {
  let ms = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3600_000 }[m[2] as 'ms']!;
  if (/^\d+$/.test(s)) ms = Number(s) * 1000;
  return ms;
}
