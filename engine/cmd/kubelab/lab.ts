// `kubelab lab new <id>` scaffolds a lab folder; `kubelab lab validate [<id>…]` checks that each
// lab is well formed, that its solution passes every check on a fresh cluster and that its
// untouched starter fails at least one (all labs when no id is given).
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { validateLabOnFreshClusters } from '../../grader/index.js';
import { parseFlags } from './flags.js';
import { labsRoot, listLabs, loadLab } from './lab-files.js';
import { scaffold } from './lab-scaffold.js';

export const labUsage = `Usage:
  kubelab lab new <id> [--dir DIR]      write a new lab skeleton to labs/<id> (or DIR/<id>)
  kubelab lab validate [<id>…]          solution passes, starter fails, for the named labs or all
`;

export interface LabIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

async function labNew(argv: string[], io: LabIO): Promise<number> {
  const flags = parseFlags(argv, { values: ['dir'] });
  const [id] = flags.positional;
  if (!id || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(id)) {
    io.stderr(`kubelab lab new: the lab id must be kebab-case (got ${JSON.stringify(id ?? '')})\n${labUsage}`);
    return 2;
  }
  const dir = join(resolve(flags.values.get('dir') ?? labsRoot()), id);
  if (await stat(dir).then(() => true, () => false)) {
    io.stderr(`kubelab lab new: ${dir} already exists\n`);
    return 1;
  }
  // The lab imports the grader by a relative path, so it must be computed from where the lab lives.
  let graderImport = relative(dir, resolve(labsRoot(), '../engine/grader/index.js')).split('\\').join('/');
  if (!graderImport.startsWith('.')) graderImport = `./${graderImport}`;
  for (const [path, text] of Object.entries(scaffold(id, graderImport))) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
    io.stdout(`created ${join(dir, path)}\n`);
  }
  return 0;
}

async function labValidate(argv: string[], io: LabIO): Promise<number> {
  const flags = parseFlags(argv, { values: [] });
  const ids = flags.positional.length ? flags.positional : await listLabs();
  let ok = true;
  for (const id of ids) {
    const { lab, files } = await loadLab(id);
    const v = await validateLabOnFreshClusters(lab, files);
    if (v.valid) {
      const n = v.solution?.results.length ?? 0;
      const failing = v.starter?.results.filter((r) => r.status === 'failed').length ?? 0;
      io.stdout(`ok   ${id}: solution passes ${n}/${n} checks; starter fails ${failing}\n`);
    } else {
      ok = false;
      io.stdout(`FAIL ${id}\n${v.problems.map((p) => `     ${p}\n`).join('')}`);
    }
  }
  return ok ? 0 : 1;
}

export async function labCommand(argv: string[], io: LabIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'new') return labNew(rest, io);
  if (sub === 'validate') return labValidate(rest, io);
  io.stderr(sub ? `kubelab lab: unknown subcommand "${sub}"\n${labUsage}` : labUsage);
  return 2;
}
