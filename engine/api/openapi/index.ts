// Mirrors the public face of pkg/generated/openapi and its users: one import for the schema-driven
// pieces (OpenAPI documents, strategic merge patch meta, strict decoding, explain).
export { schemaNameFor, typeDefFor, definitions } from './registry.js';
export { schemasForGroupVersion, groupVersions, toOpenAPI } from './openapi.js';
export { patchMetaFor, patchMetaForType } from './patch-meta.js';
export { unknownFields, typeErrors, decodeFindings, type Findings } from './strict.js';
export { duplicateFields } from './duplicate-fields.js';
export { explainField, type Explanation, type ExplainedField } from './explain.js';
