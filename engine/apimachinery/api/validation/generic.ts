// Mirrors k8s.io/apimachinery/pkg/api/validation/generic.go: name validators (with the
// generateName prefix form) and small numeric checks shared by every kind.
import { invalid, type ErrorList, type Path } from '../../util/validation/field/errors.js';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain } from '../../util/validation/validation.js';

/** ValidateNameFunc validates a name (prefix=true for a generateName prefix) and returns messages. */
export type ValidateNameFunc = (name: string, prefix: boolean) => string[];

/** maskTrailingDash lets "web-" pass as a prefix: the generated suffix follows the dash. */
export function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, -2) + 'a' : name;
}

export const nameIsDNSSubdomain: ValidateNameFunc = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: ValidateNameFunc = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: ValidateNameFunc = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** validateNamespaceName: namespaces are DNS labels. */
export const validateNamespaceName = nameIsDNSLabel;

/** validateNonnegativeField mirrors ValidateNonnegativeField. */
export function validateNonnegativeField(value: number, fldPath: Path): ErrorList {
  return value < 0 ? [invalid(fldPath, value, 'must be greater than or equal to 0')] : [];
}
