import { describe, expect, it } from 'vitest';
import { manifestNames, subFiles, validateLab, validateLabFiles } from './lab.js';
import type { Lab } from './types.js';

const ok = (): Lab => ({
  id: 'pods',
  title: { en: 'Pods', 'zh-cn': 'Pod' },
  chapter: 'concepts/pods',
  estimatedMinutes: 10,
  cluster: { nodes: 2 },
  checks: [{ id: 'a', name: { en: 'A', 'zh-cn': '甲' }, hint: { en: 'h', 'zh-cn': '提示' }, run: async () => ({ passed: true, observed: '' }) }],
});

describe('validateLab', () => {
  it('accepts a complete lab', () => {
    expect(validateLab(ok())).toEqual([]);
  });

  it.each<[string, (l: Lab) => void, string]>([
    ['bad id', (l) => void (l.id = 'Pods_1'), 'id: Invalid value: "Pods_1": must be kebab-case'],
    ['missing Chinese title', (l) => void (l.title = { en: 'Pods' } as Lab['title']), 'title.zh-cn: Required value'],
    ['chapter without part', (l) => void (l.chapter = 'pods'), 'chapter: Invalid value: "pods": must be "<part>/<slug>"'],
    ['minutes out of range', (l) => void (l.estimatedMinutes = 0), 'estimatedMinutes: Invalid value: 0: must be between 1 and 120'],
    ['unknown proxy mode', (l) => void (l.cluster = { proxyMode: 'ipvs' as 'iptables' }), 'cluster.proxyMode: Unsupported value: "ipvs": supported values: "iptables", "userspace"'],
    ['no checks', (l) => void (l.checks = []), 'checks: Required value: at least one check'],
    ['duplicate check id', (l) => void l.checks.push({ ...l.checks[0]! }), 'checks[1].id: Duplicate value: "a"'],
    ['empty hint', (l) => void (l.checks[0]!.hint = { en: ' ', 'zh-cn': 'x' }), 'checks[0].hint.en: Required value'],
    ['run missing', (l) => void (l.checks[0]!.run = undefined as unknown as Lab['checks'][0]['run']), 'checks[0].run: Required value: a function (ctx) => outcome'],
  ])('reports %s', (_name, mutate, want) => {
    const lab = ok();
    mutate(lab);
    expect(validateLab(lab)).toContain(want);
  });
});

describe('lab files', () => {
  const files = { 'task.en.md': '# T', 'task.zh-cn.md': '# T', 'starter/a.yaml': 'x', 'solution/b.yaml': 'y', 'solution/a.yml': 'z', 'solution/v2/c.yaml': 'w', 'solution/notes.md': '' };

  it('orders top-level manifests by file name and leaves subfolders to commands.sh', () => {
    expect(manifestNames(subFiles(files, 'solution'))).toEqual(['a.yml', 'b.yaml']);
  });

  it('requires task texts, a starter and a solution', () => {
    expect(validateLabFiles(files)).toEqual([]);
    expect(validateLabFiles({ 'task.en.md': '# T' })).toEqual([
      'task.zh-cn.md: Required value: the task text',
      'solution/: Required value: manifests or commands.sh',
      'starter/: Required value: the files the learner starts from',
    ]);
  });
});
