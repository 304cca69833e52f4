// A lab's starter files, by lab id: everything under ./starter/<lab id>/, loaded with the lab (not
// with the page) and written into the learner's home folder before the cluster starts.
const sources = import.meta.glob<string>('./starter/*/**/*', { query: '?raw', import: 'default' });

/** starterFiles returns the lab's files keyed by their path relative to the home folder. */
export async function starterFiles(labId: string): Promise<Record<string, string>> {
  const prefix = `./starter/${labId}/`;
  const entries = Object.entries(sources).filter(([path]) => path.startsWith(prefix));
  return Object.fromEntries(await Promise.all(entries.map(async ([path, load]) => [path.slice(prefix.length), await load()] as const)));
}
