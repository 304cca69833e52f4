// Mirrors the shared helpers of pkg/apis/core/validation/validation.go: the core ObjectMeta
// wrapper (standard finalizer names), quantities, port numbers or names, label selectors.
import type { LabelSelector, ObjectMeta } from '../../../apimachinery/apis/meta/v1/types.js';
import { validateObjectMeta as validateMeta } from '../../../apimachinery/api/validation/objectmeta.js';
import type { ValidateNameFunc } from '../../../apimachinery/api/validation/generic.js';
import { invalid, notSupported, required, type ErrorList, type Path } from '../../../apimachinery/util/validation/field/errors.js';
import { isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum } from '../../../apimachinery/util/validation/validation.js';

const standardFinalizers = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** validateKubeFinalizerName: a finalizer without a "/" must be one of the standard names. */
export function validateKubeFinalizerName(name: string, fldPath: Path): ErrorList {
  if (!name.includes('/') && !standardFinalizers.has(name))
    return [invalid(fldPath, name, 'name is neither a standard finalizer name nor is it fully qualified')];
  return [];
}

/** validateFinalizerName mirrors the core validateFinalizerName (qualified name + standard names). */
export function validateFinalizerName(name: string, fldPath: Path): ErrorList {
  return [...isQualifiedName(name).map((m) => invalid(fldPath, name, m)), ...validateKubeFinalizerName(name, fldPath)];
}

/** validateObjectMeta is the core wrapper: generic checks plus standard finalizer names. */
export function validateObjectMeta(meta: ObjectMeta, requiresNamespace: boolean, nameFn: ValidateNameFunc, fldPath: Path): ErrorList {
  const errs = validateMeta(meta, requiresNamespace, nameFn, fldPath);
  (meta.finalizers ?? []).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, fldPath.child('finalizers').index(i))));
  return errs;
}

const quantityRegexp = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const suffixes: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** parseQuantity returns the numeric value of a quantity ("100m" → 0.1), or undefined. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return undefined;
  const m = quantityRegexp.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (Number.isNaN(n)) return undefined;
  const suffix = m[2]!;
  if (suffix in suffixes) return n * suffixes[suffix]!;
  const exp = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
  return exp ? n * 10 ** Number(exp[1]) : undefined;
}

/** validateResourceQuantityValue: quantities must parse and be non-negative. */
export function validateNonnegativeQuantity(value: unknown, fldPath: Path): ErrorList {
  const n = parseQuantity(value);
  if (n === undefined) return [invalid(fldPath, value, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")];
  return n < 0 ? [invalid(fldPath, value, 'must be greater than or equal to 0')] : [];
}

/** validatePortNumOrName mirrors ValidatePortNumOrName (targetPort, probe ports). */
export function validatePortNumOrName(port: unknown, fldPath: Path): ErrorList {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(fldPath, port, m));
  if (typeof port === 'string') {
    if (port === '') return [required(fldPath, '')];
    return isValidPortName(port).map((m) => invalid(fldPath, port, m));
  }
  return [invalid(fldPath, port, 'must be an int or a string')];
}

export const supportedPortProtocols = ['SCTP', 'TCP', 'UDP'];

export function validateProtocol(protocol: string | undefined, fldPath: Path): ErrorList {
  if (!protocol) return [required(fldPath, '')];
  return supportedPortProtocols.includes(protocol) ? [] : [notSupported(fldPath, protocol, supportedPortProtocols)];
}

/** validateLabelSelector mirrors metav1validation.ValidateLabelSelector. */
export function validateLabelSelector(sel: LabelSelector, fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  (sel.matchExpressions ?? []).forEach((req, i) => {
    const p = fldPath.child('matchExpressions').index(i);
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (!req.values?.length) errs.push(required(p.child('values'), 'must be specified when `operator` is \'In\' or \'NotIn\''));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (req.values?.length) errs.push(invalid(p.child('values'), req.values, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
        break;
      default:
        errs.push(invalid(p.child('operator'), req.operator, 'not a valid selector operator'));
    }
    errs.push(...isQualifiedName(req.key ?? '').map((m) => invalid(p.child('key'), req.key, m)));
  });
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    errs.push(...isQualifiedName(k).map((m) => invalid(fldPath.child('matchLabels'), k, m)));
    errs.push(...isValidLabelValue(v).map((m) => invalid(fldPath.child('matchLabels'), v, m)));
  }
  return errs;
}

/** selectorMatches reports whether labels satisfy a LabelSelector. */
export function selectorMatches(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const r of sel.matchExpressions ?? []) {
    const has = r.key in l;
    const ok =
      r.operator === 'In' ? has && (r.values ?? []).includes(l[r.key]!)
      : r.operator === 'NotIn' ? !has || !(r.values ?? []).includes(l[r.key]!)
      : r.operator === 'Exists' ? has
      : !has;
    if (!ok) return false;
  }
  return true;
}

export const selectorEmpty = (sel: LabelSelector | undefined) =>
  !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);
