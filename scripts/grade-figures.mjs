#!/usr/bin/env node
// Prints `kubelab grade` wall time per lab (measured, not asserted): each lab's reference solution
// graded on a fresh cluster by the real command, as a teacher's CI runs it, with the time the
// grader itself reports beside the whole process's wall time (which includes starting Node).
// Usage: node scripts/grade-figures.mjs [lab …]   (default: every lab under labs/)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const all = readdirSync(join(root, 'labs'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'labs', d.name, 'lab.ts')))
  .map((d) => d.name);
const labs = process.argv.length > 2 ? process.argv.slice(2) : all;

for (const lab of labs) {
  const t = performance.now();
  const run = spawnSync(process.execPath, [join(root, 'bin/kubelab.mjs'), 'grade', lab, '--submission', join(root, 'labs', lab, 'solution'), '--reporter', 'json'], { cwd: root, encoding: 'utf8' });
  const wall = (performance.now() - t) / 1000;
  let summary = `exit ${run.status}`;
  try {
    const report = JSON.parse(run.stdout);
    const passed = report.results.filter((r) => r.status === 'passed').length;
    const graded = typeof report.durationMs === 'number' ? `, grading ${(report.durationMs / 1000).toFixed(1)} s` : '';
    summary = `${passed}/${report.results.length} checks passed${graded}, exit ${run.status}`;
  } catch {
    summary += ` (no JSON report: ${(run.stderr || run.stdout).trim().split('\n').pop()})`;
  }
  console.log(`kubelab grade ${lab} --submission labs/${lab}/solution: ${wall.toFixed(1)} s wall (${summary})`);
}
