// Mirrors k8s.io/kubectl/pkg/cmd/taint/utils.go: parses `key=value:Effect`, `key:Effect`, `key-`
// and `key:Effect-`, and merges them into a node's taints ("tainted", "untainted", "modified").
import { UsageError } from './util/helpers.js';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const qualifiedNameRe = new RegExp(`^${qualifiedNameFmt}$`);
const labelValueRe = new RegExp(`^(${qualifiedNameFmt})?$`);
const dns1123SubdomainRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** isQualifiedName returns validation.IsQualifiedName's messages for a label-like key. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (!prefix) errs.push('prefix part must be non-empty');
    else if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
    else if (!dns1123SubdomainRe.test(prefix))
      errs.push(`prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`);
  } else {
    return [`a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${qualifiedNameFmt}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (!name) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!qualifiedNameRe.test(name))
    errs.push(`name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${qualifiedNameFmt}')`);
  return errs;
}

function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!labelValueRe.test(value))
    errs.push(`a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(${qualifiedNameFmt})?')`);
  return errs;
}

const effects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** parseTaint reads '<key>=<value>:<effect>', '<key>:<effect>' or '<key>'. */
export function parseTaint(st: string): Taint {
  const parts = st.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0]!;
  else if (parts.length === 2) {
    effect = parts[1]!;
    if (!effects.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0]!.split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${st}`);
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const errs = isValidLabelValue(value);
      if (errs.length) throw new Error(`invalid taint spec: ${st}, ${errs.join('; ')}`);
    }
  } else throw new Error(`invalid taint spec: ${st}`);
  const errs = isQualifiedName(key);
  if (errs.length) throw new Error(`invalid taint spec: ${st}, ${errs.join('; ')}`);
  return { key, value, effect };
}

/** parseTaints splits the specs into taints to add and to remove; mistakes are usage errors. */
export function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  try {
    for (const spec of specs) {
      if (spec.endsWith('-')) {
        const t = parseTaint(spec.slice(0, -1));
        remove.push({ key: t.key, effect: t.effect });
        continue;
      }
      const t = parseTaint(spec);
      if (!t.effect) throw new Error(`invalid taint spec: ${spec}`);
      if (add.some((a) => a.key === t.key && a.effect === t.effect)) throw new Error(`duplicated taints with the same key and effect: {${t.key} ${t.value} ${t.effect} <nil>}`);
      add.push(t);
    }
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return { add, remove };
}

/** taintToString is Taint.ToString: "key=value:Effect", "key:Effect", "key=value:", "key". */
export function taintToString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

const matches = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/** checkIfTaintsAlreadyExists names the keys of new taints whose key and effect the node already has. */
export function checkIfTaintsAlreadyExists(old: Taint[], add: Taint[]): string {
  const out: string[] = [];
  for (const t of add) for (const o of old) if (t.key === o.key && t.effect === o.effect) out.push(t.key);
  return out.join(',');
}

/** reorganizeTaints merges: new taints first, then old ones not replaced, minus removals. */
export function reorganizeTaints(old: Taint[], overwrite: boolean, add: Taint[], remove: Taint[]): { operation: string; taints: Taint[]; errors: Error[] } {
  let taints = add.map((t) => ({ ...t }));
  for (const o of old) if (!taints.some((t) => matches(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errors: Error[] = [];
  let removed = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(r.effect ? matches(r, t) : t.key === r.key));
    removed = taints.length !== before;
    if (!removed) errors.push(new Error(`taint "${taintToString(r)}" not found`));
  }
  const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}
