#!/usr/bin/env node
// Bundles the engine's terminal commands for WebContainers: bin/kubectl.mjs, bin/etcdctl.mjs and
// bin/kubelab.mjs (ESM, Node 18, `#!/usr/bin/env node`), their shared chunks, and extensionless
// bin/kubectl, bin/etcdctl, bin/kubelab commands for jsh. The whole tree is written as one
// FileSystemTree (public/lab-engine/tree.json) that the WebContainer runtime fetches and mounts.
// The tree has no labs/ folder: the lab definitions `kubelab grade <lab>` needs for the Check button
// travel inside the bundle, as the chunk of labs/index.ts that grade imports when no lab folder is found.
//
// Why the extensionless commands load a .mjs: jsh runs a command by its file name, and Node 18
// refuses extensionless files inside a "type": "module" scope, so the commands stay CommonJS
// (bin/package.json pins that) and import the ESM bundle beside them.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const commands = ['kubectl', 'etcdctl', 'kubelab'];
export const defaultOutDir = join(root, 'public', 'lab-engine');

const banner = [
  '#!/usr/bin/env node',
  // Bundled CommonJS dependencies may call require() for Node's built-ins.
  "import { createRequire as __kubelabCreateRequire } from 'node:module';",
  'const require = __kubelabCreateRequire(import.meta.url);',
].join('\n');

/** commandShim is the extensionless jsh command that runs bin/<name>.mjs. */
export function commandShim(name) {
  return `#!/usr/bin/env node\n// ${name} for the lab's shell; the command itself is the ESM bundle ${name}.mjs beside this file.\nimport('./${name}.mjs').catch((err) => {\n  console.error(err);\n  process.exit(1);\n});\n`;
}

/** insert puts a file at a slash-separated path of a FileSystemTree. */
function insert(tree, path, contents) {
  const parts = path.split('/');
  let dir = tree;
  for (const part of parts.slice(0, -1)) dir = (dir[part] ??= { directory: {} }).directory;
  dir[parts.at(-1)] = { file: { contents } };
}

/**
 * buildEngineBundle bundles the commands and returns the FileSystemTree to mount at the lab's
 * working directory plus the size of every file; with write it also writes tree.json and
 * manifest.json to outDir.
 */
export async function buildEngineBundle({ outDir = defaultOutDir, write = true, minify = true } = {}) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(commands.map((c) => [c, join(root, 'scripts', 'engine-bundle', `${c}.ts`)])),
    outdir: join(root, 'bin-bundle-virtual'),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'lib/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node18',
    minify,
    legalComments: 'none',
    banner: { js: banner },
    // The engine's `import.meta.url === argv[1]` main guards must not fire inside the bundle:
    // the entry files above call main themselves.
    define: { 'import.meta.url': '"kubelab:bundle"' },
    write: false,
    logLevel: 'warning',
  });
  const tree = {};
  const sizes = {};
  for (const file of result.outputFiles) {
    const rel = 'bin/' + file.path.slice(join(root, 'bin-bundle-virtual').length + 1).replaceAll('\\', '/');
    // Chunks need no shebang; only entries are run directly.
    const text = rel.startsWith('bin/lib/') ? file.text.replace(/^#!.*\n/, '') : file.text;
    insert(tree, rel, text);
    sizes[rel] = Buffer.byteLength(text);
  }
  for (const c of commands) {
    insert(tree, `bin/${c}`, commandShim(c));
    sizes[`bin/${c}`] = Buffer.byteLength(commandShim(c));
  }
  insert(tree, 'bin/package.json', '{ "type": "commonjs" }\n');
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  const json = JSON.stringify(tree);
  if (write) {
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'tree.json'), json);
    await writeFile(join(outDir, 'manifest.json'), JSON.stringify({ commands, files: sizes, totalBytes: total }, null, 2) + '\n');
  }
  return { tree, sizes, totalBytes: total, treeJSONBytes: Buffer.byteLength(json) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const out = await buildEngineBundle();
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`engine bundle: ${Object.keys(out.sizes).length} files, ${kb(out.totalBytes)} (tree.json ${kb(out.treeJSONBytes)}) in ${(performance.now() - started).toFixed(0)} ms`);
}
