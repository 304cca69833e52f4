// A lab's starter files, by lab id: a graded lab's labs/<id>/starter/ folder, or for the open labs
// (the first cluster) ./starter/<id>/. Loaded with the lab (not with the page) and written into the
// learner's home folder before the cluster starts, where kubectl -f finds them.
const sources = {
  ...import.meta.glob<string>('./starter/*/**/*', { query: '?raw', import: 'default' }),
  ...import.meta.glob<string>('../../labs/*/starter/**/*', { query: '?raw', import: 'default' }),
};

/** starterPrefixes are the folders a lab's starter files may come from. */
function starterPrefixes(labId: string): string[] {
  return [`./starter/${labId}/`, `../../labs/${labId}/starter/`];
}

/** starterFiles returns the lab's files keyed by their path relative to the home folder. */
export async function starterFiles(labId: string): Promise<Record<string, string>> {
  const entries = Object.entries(sources).flatMap(([path, load]) => {
    const prefix = starterPrefixes(labId).find((p) => path.startsWith(p));
    return prefix ? [[path.slice(prefix.length), load] as const] : [];
  });
  return Object.fromEntries(await Promise.all(entries.map(async ([path, load]) => [path, await load()] as const)));
}
