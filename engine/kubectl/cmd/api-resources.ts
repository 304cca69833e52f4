// Mirrors k8s.io/kubectl/pkg/cmd/apiresources (apiresources.go, apiversions.go): the resources
// discovery reports (NAME SHORTNAMES APIVERSION NAMESPACED KIND) and the sorted group versions.
import { TabWriter } from '../printers/tabwriter.js';
import { bool, str } from './util/flags.js';
import type { Command } from './util/command.js';

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  flags: [
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'namespaced', kind: 'bool', default: true },
    { name: 'api-group', kind: 'string' },
    { name: 'verbs', kind: 'stringSlice' },
    { name: 'no-headers', kind: 'bool' },
    { name: 'sort-by', kind: 'string' },
    { name: 'categories', kind: 'stringSlice' },
    { name: 'cached', kind: 'bool' },
  ],
  async run({ f, io, flags, changed }) {
    const out = str(flags, 'output');
    if (out && out !== 'wide' && out !== 'name') throw new Error(`--output ${out} is not available`);
    const d = await f.discovery();
    await d.load();
    let list = d.resources.filter((r) => r.verbs.length || true);
    if (changed.has('namespaced')) list = list.filter((r) => r.namespaced === bool(flags, 'namespaced'));
    if (changed.has('api-group')) list = list.filter((r) => r.group === str(flags, 'api-group'));
    const verbs = (flags.verbs as string[]) ?? [];
    if (verbs.length) list = list.filter((r) => verbs.every((v) => r.verbs.includes(v)));
    // Discovery lists preferred versions first; api-resources shows each group's preferred one.
    const seen = new Set<string>();
    list = list.filter((r) => {
      const k = `${r.group}/${r.name}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    if (str(flags, 'sort-by') === 'name') list = [...list].sort((a, b) => a.name.localeCompare(b.name));
    else if (str(flags, 'sort-by') === 'kind') list = [...list].sort((a, b) => a.kind.localeCompare(b.kind));
    if (out === 'name') {
      for (const r of list) io.stdout(`${r.name}${r.group ? '.' + r.group : ''}\n`);
      return;
    }
    const w = new TabWriter(io.stdout);
    if (!bool(flags, 'no-headers')) w.write(`NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${out === 'wide' ? '\tVERBS\tCATEGORIES' : ''}\n`);
    for (const r of list) {
      const cells = [r.name, r.shortNames.join(','), r.group ? `${r.group}/${r.version}` : r.version, String(r.namespaced), r.kind];
      if (out === 'wide') cells.push(`[${r.verbs.join(' ')}]`, r.categories.join(','));
      w.write(cells.join('\t') + '\n');
    }
    w.flush();
  },
};

export const apiVersionsCommand: Command = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  async run({ f, io }) {
    const d = await f.discovery();
    await d.load();
    for (const gv of [...d.groupVersions].sort()) io.stdout(gv + '\n');
  },
};
