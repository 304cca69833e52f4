// Mirrors k8s.io/apimachinery/pkg/runtime/conversion.go: the default field label conversion that
// only knows metadata.name and metadata.namespace, and a helper for per-kind lists.

/** defaultMetaV1FieldSelectorConversion accepts only the ObjectMeta field labels. */
export function defaultMetaV1FieldSelectorConversion(label: string, value: string): [string, string] {
  if (label === 'metadata.name' || label === 'metadata.namespace') return [label, value];
  throw new Error(`${JSON.stringify(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
}

/**
 * fieldLabelConversionFor builds a conversion accepting the given labels besides the ObjectMeta ones;
 * others fail with "field label not supported: <label>" as the core/v1 conversions answer.
 */
export function fieldLabelConversionFor(labels: readonly string[]): (label: string, value: string) => [string, string] {
  const known = new Set(['metadata.name', 'metadata.namespace', ...labels]);
  return (label, value) => {
    if (known.has(label)) return [label, value];
    throw new Error(`field label not supported: ${label}`);
  };
}
