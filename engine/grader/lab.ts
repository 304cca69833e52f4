// No upstream twin: defineLab and the lab format's validator. Like Starlight's config schemas, a
// broken lab is reported with every problem at once, each with the path of the offending field.
import type { Check, Lab, LabFiles, Localized } from './types.js';

const kebab = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** defineLab returns the lab unchanged; it exists so lab.ts files are type-checked. */
export function defineLab(lab: Lab): Lab {
  return lab;
}

function localized(value: unknown, path: string, errs: string[]): void {
  if (typeof value !== 'object' || value === null) {
    errs.push(`${path}: Required value: text in "en" and "zh-cn"`);
    return;
  }
  for (const locale of ['en', 'zh-cn'] as const) {
    const text = (value as Partial<Localized>)[locale];
    if (typeof text !== 'string' || !text.trim()) errs.push(`${path}.${locale}: Required value`);
  }
}

function validateCheck(check: Check, i: number, seen: Set<string>, errs: string[]): void {
  const path = `checks[${i}]`;
  if (typeof check.id !== 'string' || !kebab.test(check.id)) errs.push(`${path}.id: Invalid value: ${JSON.stringify(check.id)}: must be kebab-case`);
  else if (seen.has(check.id)) errs.push(`${path}.id: Duplicate value: ${JSON.stringify(check.id)}`);
  else seen.add(check.id);
  localized(check.name, `${path}.name`, errs);
  localized(check.hint, `${path}.hint`, errs);
  if (typeof check.run !== 'function') errs.push(`${path}.run: Required value: a function (ctx) => outcome`);
}

/** validateLab checks a lab definition and returns its problems (empty when valid). */
export function validateLab(lab: Lab): string[] {
  const errs: string[] = [];
  if (typeof lab !== 'object' || lab === null) return ['lab: Required value: a lab definition'];
  if (typeof lab.id !== 'string' || !kebab.test(lab.id)) errs.push(`id: Invalid value: ${JSON.stringify(lab.id)}: must be kebab-case`);
  localized(lab.title, 'title', errs);
  if (typeof lab.chapter !== 'string' || !/^[a-z0-9-]+\/[a-z0-9-]+$/.test(lab.chapter)) errs.push(`chapter: Invalid value: ${JSON.stringify(lab.chapter)}: must be "<part>/<slug>"`);
  const minutes = lab.estimatedMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 120) errs.push(`estimatedMinutes: Invalid value: ${JSON.stringify(minutes)}: must be between 1 and 120`);
  const c = lab.cluster;
  if (typeof c !== 'object' || c === null) errs.push('cluster: Required value');
  else {
    if (c.nodes !== undefined && (!Number.isInteger(c.nodes) || c.nodes < 1 || c.nodes > 10)) errs.push(`cluster.nodes: Invalid value: ${c.nodes}: must be between 1 and 10`);
    if (c.network !== undefined && !['routing', 'overlay'].includes(c.network)) errs.push(`cluster.network: Unsupported value: "${c.network}": supported values: "routing", "overlay"`);
    if (c.proxyMode !== undefined && !['iptables', 'userspace'].includes(c.proxyMode)) errs.push(`cluster.proxyMode: Unsupported value: "${c.proxyMode}": supported values: "iptables", "userspace"`);
  }
  if (!Array.isArray(lab.checks) || lab.checks.length === 0) errs.push('checks: Required value: at least one check');
  else {
    const seen = new Set<string>();
    lab.checks.forEach((check, i) => validateCheck(check, i, seen, errs));
  }
  return errs;
}

/** manifestNames lists the manifests of a folder's files at its top level, in file-name order. */
export function manifestNames(files: Record<string, string>): string[] {
  return Object.keys(files)
    .filter((p) => !p.includes('/') && /\.(ya?ml|json)$/.test(p))
    .sort();
}

/** subFiles returns the files under dir/ with the prefix removed. */
export function subFiles(files: LabFiles, dir: string): Record<string, string> {
  const prefix = `${dir.replace(/\/+$/, '')}/`;
  return Object.fromEntries(Object.entries(files).filter(([p]) => p.startsWith(prefix)).map(([p, t]) => [p.slice(prefix.length), t]));
}

/** validateLabFiles checks the files a lab folder must hold beside its definition. */
export function validateLabFiles(files: LabFiles): string[] {
  const errs: string[] = [];
  for (const task of ['task.en.md', 'task.zh-cn.md']) {
    if (!files[task]?.trim()) errs.push(`${task}: Required value: the task text`);
  }
  const solution = subFiles(files, 'solution');
  if (manifestNames(solution).length === 0 && !solution['commands.sh']) errs.push('solution/: Required value: manifests or commands.sh');
  if (!Object.keys(files).some((p) => p.startsWith('starter/'))) errs.push('starter/: Required value: the files the learner starts from');
  return errs;
}
