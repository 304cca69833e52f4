// Mirrors the shared helpers of pkg/apis/core/validation/validation.go: the core ObjectMeta
// wrapper (standard finalizer names), quantities, port numbers or names, label selectors. Parsing
// and matching themselves live in apimachinery (resource.Quantity, metav1 LabelSelector helpers).
import type { LabelSelector, ObjectMeta } from '../../../apimachinery/apis/meta/v1/types.js';
import { validateObjectMeta as validateMeta } from '../../../apimachinery/api/validation/objectmeta.js';
import type { ValidateNameFunc } from '../../../apimachinery/api/validation/generic.js';
import { invalid, notSupported, required, type ErrorList, type Path } from '../../../apimachinery/util/validation/field/errors.js';
import { isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum } from '../../../apimachinery/util/validation/validation.js';
import { errFormatWrong, parseQuantity, Quantity } from '../../../apimachinery/api/resource/quantity.js';
import { labelSelectorAsSelector } from '../../../apimachinery/apis/meta/v1/helpers.js';
import type { Selector } from '../../../apimachinery/labels/selector.js';

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

/** quantityOf parses a quantity field (a string or a number), or undefined when it does not parse. */
export function quantityOf(value: unknown): Quantity | undefined {
  if (value instanceof Quantity) return value;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  try {
    return parseQuantity(value);
  } catch {
    return undefined;
  }
}

/** validateNonnegativeQuantity: quantities must parse (upstream fails at decoding) and not be negative. */
export function validateNonnegativeQuantity(value: unknown, fldPath: Path): ErrorList {
  const q = quantityOf(value);
  if (q === undefined) return [invalid(fldPath, value, errFormatWrong)];
  return q.sign() < 0 ? [invalid(fldPath, value, 'must be greater than or equal to 0')] : [];
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

/**
 * selectorMismatch reports a selector that is not empty and does not match the template's labels
 * ("`selector` does not match template `labels`"); an invalid one is left to validateLabelSelector.
 */
export function selectorMismatch(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  let selector: Selector;
  try {
    selector = labelSelectorAsSelector(sel);
  } catch {
    return false;
  }
  return !selector.empty() && !selector.matches(labels);
}
