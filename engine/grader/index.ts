// No upstream twin: the grader's public API — one module for the site's Check button,
// `kubelab grade`, `kubelab lab validate` and the tests. See the labs' README for the format.
export type * from './types.js';
export { defineLab, validateLab, validateLabFiles, manifestNames, subFiles } from './lab.js';
export { grade, type GradeOptions } from './grade.js';
export { gradeSubmission, type FreshOptions } from './fresh.js';
export { applySubmission, splitWords, scriptLines, type SetupStep } from './submission.js';
export { clusterTarget, remoteTarget, discoverTarget, newCheckContext, kubectlRunner, type GradeTarget } from './target.js';
export { clusterDataplane, fetchDataplane } from './dataplane.js';
export { adminDataplane, findAdminAPI, serveProbe } from './admin-dataplane.js';
export { validateLabOnFreshClusters, type LabValidation } from './validate.js';
export { reporters, reporterNames, textReport, jsonReport, jsonlReport, junitReport, tapReport, jsonlResult, jsonlSummary, parseGradeLine, reportOf, resultOf, type ReporterName, type GradeLine, type GradeSummary } from './reporters/index.js';
export * as helpers from './helpers.js';
