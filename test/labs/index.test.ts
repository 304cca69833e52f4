// The labs registry matches the folders, every lab validates, and the syllabus' chapters exist.
import { describe, expect, it } from 'vitest';
import { labs } from '../../labs/index.js';
import { listLabs, loadLab } from '../../engine/cmd/kubelab/lab-files.js';
import { validateLab, validateLabFiles } from '../../engine/grader/index.js';

describe('labs registry', () => {
  it('lists every lab folder under its own id', async () => {
    expect(Object.keys(labs).sort()).toEqual(await listLabs());
    for (const [id, lab] of Object.entries(labs)) expect(lab.id).toBe(id);
  });

  it.each(Object.keys(labs))('%s is well formed with tasks in both languages', async (id) => {
    const { lab, files } = await loadLab(id);
    expect(validateLab(lab)).toEqual([]);
    expect(validateLabFiles(files)).toEqual([]);
    // Both task texts have the same shape: the same number of headings and code blocks.
    const shape = (md: string) => [md.match(/^#+ /gm)?.length ?? 0, md.match(/^```/gm)?.length ?? 0];
    expect(shape(files['task.zh-cn.md']!)).toEqual(shape(files['task.en.md']!));
  });
});
