// Shared scenario for every lab: the reference solution passes every check on a fresh cluster,
// the untouched starter fails at least one, each tests/wrong-* submission fails exactly the checks
// its EXPECT file lists, and each tests/ok-* submission (correct but different) passes.
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../engine/cmd/kubelab/lab-files.js';
import { gradeSubmission, subFiles, textReport, type GradeReport, type Lab, type LabFiles } from '../../engine/grader/index.js';

/** kubeletReady says whether the node agent that runs pods is there; checks on pods need it. */
async function kubeletReady(): Promise<boolean> {
  const mod = (await import('../../engine/kubelet/kubelet.js').catch(() => undefined)) as { Kubelet?: unknown } | undefined;
  return typeof mod?.Kubelet === 'function';
}

const failed = (r: GradeReport) => r.results.filter((x) => x.status === 'failed').map((x) => x.id);

/** caseNames lists the lab's tests/<case>/ folders with the given prefix. */
function caseNames(files: LabFiles, prefix: string): string[] {
  const names = new Set<string>();
  for (const p of Object.keys(files)) {
    const m = /^tests\/([^/]+)\//.exec(p);
    if (m && m[1]!.startsWith(prefix)) names.add(m[1]!);
  }
  return [...names].sort();
}

export async function describeLab(id: string): Promise<void> {
  const { lab, files } = await loadLab(id);
  const ready = await kubeletReady();
  if (!ready) console.log(`labs/${id}: skipping cluster scenarios — the kubelet (engine/kubelet) is not there yet, so pods stay Pending`);
  const grade = (dir: string, timeoutMs?: number) => gradeSubmission(lab as Lab, { files: subFiles(files, dir) }, timeoutMs ? { timeoutMs } : {});

  describe(`lab ${id}`, () => {
    it.runIf(ready)('passes every check with the reference solution', async () => {
      const report = await grade('solution');
      expect(failed(report), textReport(report)).toEqual([]);
      expect(report.setup).toEqual([]);
      expect(report.results.every((r) => r.status === 'passed')).toBe(true);
    });

    it.runIf(ready)('fails at least one check with the untouched starter', async () => {
      const report = await grade('starter', 5_000);
      expect(report.passed).toBe(false);
      expect(failed(report).length).toBeGreaterThan(0);
    });

    for (const name of caseNames(files, 'wrong-')) {
      const expected = (files[`tests/${name}/EXPECT`] ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
      it.runIf(ready)(`${name} fails ${expected.join(', ')}`, async () => {
        expect(expected.length, `tests/${name}/EXPECT lists the checks it must fail`).toBeGreaterThan(0);
        const report = await grade(`tests/${name}`, 10_000);
        expect(failed(report), textReport(report)).toEqual(expected);
        // A wrong submission must still apply cleanly, so it fails for the reason it was written for.
        expect(report.setup).toEqual([]);
      });
    }

    for (const name of caseNames(files, 'ok-')) {
      it.runIf(ready)(`${name} (correct but different) passes`, async () => {
        const report = await grade(`tests/${name}`);
        expect(failed(report), textReport(report)).toEqual([]);
        expect(report.setup).toEqual([]);
      });
    }
  });
}
