// No upstream twin: a lab's own test, as `kubelab lab validate` runs it. A lab is valid when its
// definition and files are well formed, its solution passes every check on a fresh cluster, and
// its untouched starter fails at least one.
import { gradeSubmission, type FreshOptions } from './fresh.js';
import { subFiles, validateLab, validateLabFiles } from './lab.js';
import type { GradeReport, Lab, LabFiles } from './types.js';

export interface LabValidation {
  lab: string;
  valid: boolean;
  problems: string[];
  solution?: GradeReport;
  starter?: GradeReport;
}

/** validateLabOnFreshClusters grades the solution and the starter, each on its own fresh cluster. */
export async function validateLabOnFreshClusters(lab: Lab, files: LabFiles, options: FreshOptions = {}): Promise<LabValidation> {
  const problems = [...validateLab(lab), ...validateLabFiles(files)];
  if (problems.length) return { lab: lab.id ?? '?', valid: false, problems };
  const solution = await gradeSubmission(lab, { files: subFiles(files, 'solution') }, options);
  for (const r of solution.results) if (r.status === 'failed') problems.push(`solution fails check "${r.id}": ${r.observed}`);
  for (const s of solution.setup) problems.push(`solution setup: ${s}`);
  // The starter is expected to fail, so a short deadline is enough.
  const starter = await gradeSubmission(lab, { files: subFiles(files, 'starter') }, { ...options, timeoutMs: options.timeoutMs ?? 5_000 });
  if (starter.passed) problems.push('the untouched starter passes every check: the lab asks nothing of the learner');
  return { lab: lab.id, valid: problems.length === 0, problems, solution, starter };
}
