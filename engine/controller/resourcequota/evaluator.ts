// The usage evaluators moved to engine/api/quota/v1/evaluator.ts (pkg/quota/v1/evaluator/core) so the
// API server's ResourceQuota admission can share them; this re-export keeps old imports working.
export * from '../../api/quota/v1/evaluator.js';
