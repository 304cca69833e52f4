// Mirrors k8s.io/kubectl/pkg/cmd/get/get.go: lists or reads resources, asks the server for
// meta.k8s.io Tables (limit=500, following `continue`), prints them aligned, or prints objects as
// yaml/json/name/jsonpath/custom-columns; -w keeps printing rows from a watch.
import type { KubeObject, KubeList, Table, WatchEvent } from '../../apimachinery/apis/meta/v1/types.js';
import { StatusError } from '../../apimachinery/api/errors/errors.js';
import { apiVersionOfResource, kindPrefix, resourcePath, type APIResource } from '../rest/discovery.js';
import type { RESTClient } from '../rest/client.js';
import { expandTypes, readManifests, splitTypeNameArgs } from '../resource/builder.js';
import { parseOutput, printObjects, stripManagedFields, type OutputFormat } from '../printers/print-flags.js';
import { printTable, type TablePrintOptions } from '../printers/table-printer.js';
import { parseDuration } from './delete.js';
import { TabWriter } from '../printers/tabwriter.js';
import { Aggregate, UsageError } from './util/helpers.js';
import { bool, str, arr } from './util/flags.js';
import { filenameFlags, outputFlags, selectorFlag, type Command, type CommandContext } from './util/command.js';

export const tableAccept =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

interface Request {
  resource: APIResource;
  names: string[];
}

export const getCommand: Command = {
  name: 'get',
  short: 'Display one or many resources',
  flags: [
    ...filenameFlags,
    ...outputFlags,
    selectorFlag,
    { name: 'field-selector', kind: 'string' },
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'watch', short: 'w', kind: 'bool' },
    { name: 'watch-only', kind: 'bool' },
    { name: 'show-labels', kind: 'bool' },
    { name: 'show-kind', kind: 'bool' },
    { name: 'no-headers', kind: 'bool' },
    { name: 'ignore-not-found', kind: 'bool' },
    { name: 'label-columns', short: 'L', kind: 'stringSlice' },
    { name: 'chunk-size', kind: 'int', default: 500 },
    { name: 'sort-by', kind: 'string' },
    { name: 'output-watch-events', kind: 'bool' },
    { name: 'subresource', kind: 'string' },
    { name: 'raw', kind: 'string' },
  ],
  run: runGet,
};

async function runGet(ctx: CommandContext): Promise<number> {
  const { f, io, flags } = ctx;
  if (str(flags, 'raw')) {
    const client = await f.restClient();
    const res = await client.raw('GET', str(flags, 'raw'));
    const text = await res.text();
    if (res.status >= 300) throw new StatusError(JSON.parse(text));
    io.stdout(text);
    return 0;
  }
  const filenames = arr(flags, 'filename');
  if (!ctx.args.length && !filenames.length) {
    throw new UsageError(
      'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
    );
  }
  const disco = await f.discovery();
  const client = await f.restClient();
  const format = parseOutput(str(flags, 'output'));
  const allNamespaces = bool(flags, 'all-namespaces');
  const { namespace } = await f.namespace();

  const requests: Request[] = [];
  const errors: unknown[] = [];
  if (filenames.length) {
    for (const m of await readManifests(io, { filenames, recursive: bool(flags, 'recursive') })) {
      const r = await disco.resourceForKind(m.object.apiVersion ?? '', m.object.kind ?? '');
      if (r) requests.push({ resource: r, names: [m.object.metadata.name ?? ''] });
    }
  } else {
    for (const t of splitTypeNameArgs(ctx.args)) for (const r of await expandTypes(disco, t.typed)) requests.push({ resource: r, names: t.names });
  }
  const kinds = new Set(requests.map((r) => `${r.resource.group}/${r.resource.kind}`));
  const withKind = kinds.size > 1 || bool(flags, 'show-kind') || ctx.args[0] === 'all';
  const single = requests.length === 1 && requests[0]!.names.length === 1 && !filenames.length
    ? true
    : filenames.length === 1 && requests.length === 1;

  const query = (r: Request): Record<string, string> => {
    const q: Record<string, string> = {};
    if (str(flags, 'selector')) q.labelSelector = str(flags, 'selector');
    if (str(flags, 'field-selector')) q.fieldSelector = str(flags, 'field-selector');
    void r;
    return q;
  };
  const nsFor = (r: APIResource) => (r.namespaced && !allNamespaces ? namespace : undefined);

  if (format.kind === 'table' || format.kind === 'wide') {
    const out = new TabWriter(io.stdout);
    let printed = 0;
    let first = true;
    let lastKind = '';
    for (const req of requests) {
      const tables: Table[] = [];
      if (req.names.length) {
        for (const name of req.names) {
          try {
            tables.push(await client.get<Table>(resourcePath(req.resource, nsFor(req.resource), name), { accept: tableAccept }));
          } catch (err) {
            if (bool(flags, 'ignore-not-found') && err instanceof StatusError && err.reason === 'NotFound') continue;
            errors.push(err);
          }
        }
      } else if (!bool(flags, 'watch-only')) {
        try {
          tables.push(...(await listTables(client, req.resource, nsFor(req.resource), query(req))));
        } catch (err) {
          errors.push(err);
        }
      }
      const opts: TablePrintOptions = {
        noHeaders: bool(flags, 'no-headers'),
        wide: format.kind === 'wide',
        withNamespace: allNamespaces && req.resource.namespaced,
        showLabels: bool(flags, 'show-labels'),
        columnLabels: arr(flags, 'label-columns'),
      };
      if (withKind) opts.withKind = kindPrefix(req.resource);
      const rows = tables.reduce((n, t) => n + t.rows.length, 0);
      if (!rows) continue;
      const kindKey = `${req.resource.group}/${req.resource.kind}`;
      let header = kindKey !== lastKind;
      if (header && !first) {
        out.flush();
        out.resetWidths();
        io.stdout('\n');
      }
      for (const t of tables) {
        if (!t.rows.length) continue;
        const merged = withRowObjects(t);
        printTable(merged, out, opts, header);
        header = false;
      }
      printed += rows;
      first = false;
      lastKind = kindKey;
    }
    out.flush();
    if (!printed && !errors.length && !bool(flags, 'watch') && !bool(flags, 'watch-only') && !bool(flags, 'ignore-not-found')) {
      const r = requests[0]?.resource;
      io.stderr(allNamespaces || (r && !r.namespaced) ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
    }
    if (errors.length) throw new Aggregate(errors);
    if (bool(flags, 'watch') || bool(flags, 'watch-only')) {
      const req = requests[0]!;
      await watchTable(ctx, client, req, nsFor(req.resource), query(req), out, {
        noHeaders: bool(flags, 'no-headers') || printed > 0,
        wide: format.kind === 'wide',
        withNamespace: allNamespaces && req.resource.namespaced,
        showLabels: bool(flags, 'show-labels'),
      });
    }
    return 0;
  }

  // Object formats: read plain JSON and print yaml/json/name/jsonpath/custom-columns.
  const objs: KubeObject[] = [];
  for (const req of requests) {
    const apiVersion = apiVersionOfResource(req.resource);
    const fix = (o: KubeObject): KubeObject => {
      const obj = { ...o, apiVersion: o.apiVersion ?? apiVersion, kind: o.kind ?? req.resource.kind };
      return bool(flags, 'show-managed-fields') ? obj : stripManagedFields(obj);
    };
    if (req.names.length) {
      for (const name of req.names) {
        try {
          objs.push(fix(await client.get<KubeObject>(resourcePath(req.resource, nsFor(req.resource), name))));
        } catch (err) {
          if (bool(flags, 'ignore-not-found') && err instanceof StatusError && err.reason === 'NotFound') continue;
          errors.push(err);
        }
      }
    } else {
      try {
        const items = await listObjects(client, req.resource, nsFor(req.resource), query(req));
        objs.push(...items.map(fix));
      } catch (err) {
        errors.push(err);
      }
    }
  }
  if (objs.length || !single) {
    if (objs.length || format.kind !== 'name') printObjects(objs, format, single && !errors.length, io.stdout, bool(flags, 'no-headers'));
  }
  if (errors.length) throw new Aggregate(errors);
  return 0;
}

/** withRowObjects keeps rows as the server sent them (metadata included for namespace/labels). */
function withRowObjects(t: Table): Table {
  return t;
}

async function listTables(client: RESTClient, r: APIResource, ns: string | undefined, q: Record<string, string>): Promise<Table[]> {
  const out: Table[] = [];
  let cont = '';
  do {
    const t = await client.get<Table>(resourcePath(r, ns), { accept: tableAccept, query: { ...q, limit: '500', continue: cont } });
    out.push(t.kind === 'Table' ? t : plainListAsTable(t as unknown as KubeList));
    cont = t.metadata?.continue ?? '';
  } while (cont);
  return out;
}

/** plainListAsTable is the default NAME/AGE table for servers that do not print Tables. */
function plainListAsTable(list: KubeList): Table {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: list.metadata ?? {},
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: '', priority: 0 },
      { name: 'Created At', type: 'date', format: '', description: '', priority: 0 },
    ],
    rows: (list.items ?? []).map((o) => ({ cells: [o.metadata.name, o.metadata.creationTimestamp], object: { metadata: o.metadata } })),
  };
}

export async function listObjects(client: RESTClient, r: APIResource, ns: string | undefined, q: Record<string, string>): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  let cont = '';
  const apiVersion = apiVersionOfResource(r);
  do {
    const list = await client.get<KubeList>(resourcePath(r, ns), { query: { ...q, limit: '500', continue: cont } });
    for (const o of list.items ?? []) out.push({ ...o, apiVersion: o.apiVersion ?? apiVersion, kind: o.kind ?? r.kind });
    cont = list.metadata?.continue ?? '';
  } while (cont);
  return out;
}

async function watchTable(
  ctx: CommandContext,
  client: RESTClient,
  req: Request,
  ns: string | undefined,
  q: Record<string, string>,
  out: TabWriter,
  opts: TablePrintOptions,
): Promise<void> {
  const query: Record<string, string> = { ...q };
  if (req.names.length === 1) query.fieldSelector = `metadata.name=${req.names[0]}`;
  // Start from "now": the rows already printed came from the list just read.
  const list = await client.get<KubeList>(resourcePath(req.resource, ns), { query: { ...query, limit: '1' } }).catch(() => undefined);
  if (list?.metadata?.resourceVersion) query.resourceVersion = list.metadata.resourceVersion;
  let header = !opts.noHeaders;
  let columns: Table['columnDefinitions'] | undefined;
  // The watch runs until the server closes it, the caller aborts, or --request-timeout passes.
  const abort = new AbortController();
  const stop = () => abort.abort();
  ctx.io.signal?.addEventListener('abort', stop);
  if (ctx.io.signal?.aborted) stop();
  const timeout = parseDuration(str(ctx.flags, 'request-timeout'));
  const timer = timeout > 0 ? ctx.io.clock.setTimer(timeout, stop) : undefined;
  try {
    await printWatch();
  } catch (err) {
    if (!abort.signal.aborted) throw err;
  } finally {
    timer?.stop();
    ctx.io.signal?.removeEventListener('abort', stop);
  }

  async function printWatch(): Promise<void> {
    for await (const ev of client.watch(resourcePath(req.resource, ns), { accept: tableAccept, query, signal: abort.signal }) as AsyncGenerator<WatchEvent<Table>>) {
      if (ev.type === 'ERROR') throw new StatusError(ev.object as never);
      if (ev.type === 'BOOKMARK') continue;
      const obj = ev.object as Table | KubeObject;
      let table = obj.kind === 'Table' ? (obj as Table) : plainListAsTable({ metadata: {}, items: [obj as KubeObject] });
      // The server sends column definitions with the first event only; later rows reuse them.
      if (table.columnDefinitions?.length) columns = table.columnDefinitions;
      else if (columns) table = { ...table, columnDefinitions: columns };
      printTable(table, out, { ...opts, noHeaders: !header }, header);
      header = false;
      out.flush();
    }
  }
}
