// Mirrors k8s.io/cli-runtime/pkg/genericclioptions/print_flags.go and the printers it returns:
// -o yaml|json|name|jsonpath=…|jsonpath-as-json=…|custom-columns=…, for objects already fetched.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { parseAPIVersion } from '../../apimachinery/runtime/schema/group-version.js';
import { parseCustomColumns, printCustomColumns } from './custom-columns.js';
import { executeTemplate, evalSteps, parsePath } from './jsonpath.js';
import { toJSON, toYAML } from './marshal.js';
import { TabWriter } from './tabwriter.js';

/** allowedFormats lists formats as the printer error does (sorted, with the file variants). */
function allowedFormats(allowed: OutputKind[]): string {
  const list = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];
  if (allowed.includes('custom-columns')) list.unshift('custom-columns', 'custom-columns-file');
  if (allowed.includes('wide')) list.splice(list.length - 1, 0, 'wide');
  return list.join(',');
}

export type OutputKind = 'table' | 'wide' | 'yaml' | 'json' | 'name' | 'jsonpath' | 'jsonpath-as-json' | 'custom-columns';

export interface OutputFormat {
  kind: OutputKind;
  arg: string;
}

/** parseOutput splits "-o jsonpath={.a}" into its kind and argument. */
export const getFormats: OutputKind[] = ['table', 'wide', 'yaml', 'json', 'name', 'jsonpath', 'jsonpath-as-json', 'custom-columns'];
export const objectFormats: OutputKind[] = ['yaml', 'json', 'name', 'jsonpath', 'jsonpath-as-json'];

export function parseOutput(o: string, allowed: OutputKind[] = getFormats): OutputFormat {
  if (!o) return { kind: 'table', arg: '' };
  const eq = o.indexOf('=');
  const kind = (eq < 0 ? o : o.slice(0, eq)) as OutputKind;
  const arg = eq < 0 ? '' : o.slice(eq + 1);
  if (!allowed.includes(kind) || kind === 'table') {
    throw new Error(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowedFormats(allowed)}`);
  }
  if ((kind === 'jsonpath' || kind === 'jsonpath-as-json') && !arg) throw new Error('template format specified but no template given');
  return { kind, arg };
}

/** kindName prints "pod" or "deployment.apps" for an object (the -o name prefix). */
export function kindName(obj: { apiVersion?: string; kind?: string }): string {
  const { group } = parseAPIVersion(obj.apiVersion ?? '');
  const kind = (obj.kind ?? '').toLowerCase();
  return group ? `${kind}.${group}` : kind;
}

/** listOf wraps objects as kubectl's printers do for several results. */
export function listOf(items: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** stripManagedFields drops metadata.managedFields unless --show-managed-fields. */
export function stripManagedFields<T extends KubeObject>(obj: T): T {
  if (!obj.metadata?.managedFields) return obj;
  const { managedFields: _, ...meta } = obj.metadata;
  return { ...obj, metadata: meta };
}

/** printObjects prints objects in a non-table format; single prints one object, else a List. */
export function printObjects(objs: KubeObject[], f: OutputFormat, single: boolean, out: (s: string) => void, noHeaders = false): void {
  const data = single && objs.length === 1 ? objs[0]! : listOf(objs);
  switch (f.kind) {
    case 'yaml':
      out(toYAML(data));
      return;
    case 'json':
      out(toJSON(data) + '\n');
      return;
    case 'name':
      for (const o of objs) out(`${kindName(o)}/${o.metadata.name}\n`);
      return;
    case 'jsonpath':
      out(executeTemplate(f.arg, JSON.parse(JSON.stringify(data))));
      return;
    case 'jsonpath-as-json': {
      const tpl = f.arg.replace(/^\{|\}$/g, '');
      out(toJSON(evalSteps(parsePath(tpl), [data])) + '\n');
      return;
    }
    case 'custom-columns': {
      const w = new TabWriter(out);
      printCustomColumns(parseCustomColumns(f.arg), objs, w, noHeaders);
      w.flush();
      return;
    }
    default:
      throw new Error(`unsupported output format ${f.kind}`);
  }
}
