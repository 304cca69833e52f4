#!/usr/bin/env node
// Prints the site's figures (measured, not asserted): the JavaScript a chapter page ships before a
// lab starts, the engine bundle WebContainers mount, and the time from "Start lab" to a ready
// prompt with 3 Ready nodes in the Worker runtime (store, API server, controllers, scheduler,
// nodes), then to cluster DNS answering, for a new cluster and for one restored after a reload,
// measured in Chromium against the built site.
// Usage: node scripts/site-figures.mjs [page, default en/first-lab/]   (run `npm run build` first)
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const page = (process.argv[2] ?? 'en/first-lab/').replace(/^\/|\/?$/g, '') + '/';
const CHROMIUM = '/usr/bin/chromium';
const BUDGET = 50 * 1024;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gz = (buf) => gzipSync(buf).length;

/** pageScripts returns the scripts a built page loads before any dynamic import: the module
 * scripts and modulepreloads the HTML names, inline scripts, and their static imports. */
function pageScripts(htmlPath) {
  const html = readFileSync(htmlPath, 'utf8');
  const files = new Map();
  let inline = 0;
  const queue = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[1])?.[1];
    if (src) queue.push(src);
    else if (!/type="application\/(ld\+)?json"/.test(m[1])) inline += Buffer.byteLength(m[2]);
  }
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) queue.push(m[1]);
  while (queue.length) {
    const url = queue.shift();
    if (/^https?:/.test(url)) continue;
    const file = join(dist, normalize(url.split('?')[0]));
    if (files.has(file) || !existsSync(file)) continue;
    const text = readFileSync(file);
    files.set(file, text);
    // Static imports only: `import … from "./x.js"` and `import "./x.js"`, not import().
    for (const s of text.toString().matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) {
      queue.push(new URL(s[1], `http://x${url.startsWith('/') ? url : '/' + url}`).pathname);
    }
  }
  const bytes = [...files.values()].reduce((n, b) => n + b.length, 0);
  const gzipped = [...files.values()].reduce((n, b) => n + gz(b), 0);
  return { files: [...files.keys()].map((f) => f.slice(dist.length)), bytes: bytes + inline, gzipped, inline };
}

function serve() {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    let file = join(dist, normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(dist) || !existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, {
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    res.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

/** startToPrompt measures Start lab → prompt (and → DNS) in the Worker runtime, fresh and after a reload. */
async function startToPrompt() {
  if (!existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} is missing` };
  const { chromium } = await import('playwright-core');
  const server = await serve();
  const profile = mkdtempSync(join(tmpdir(), 'kubelab-figures-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const p = await context.newPage();
    const once = async () => {
      await p.goto(`${server.url}/${page}?runtime=worker`);
      const started = performance.now();
      await p.getByRole('button', { name: 'Start lab' }).click();
      // "running" is set once every node is Ready and the terminal's prompt is written.
      await p.locator('.kl-lab[data-state="running"]').waitFor({ timeout: 60_000 });
      const prompt = performance.now() - started;
      const nodes = await p.locator('.kl-steps [data-step^="node-"][data-state="done"]').count();
      if (nodes !== 3) throw new Error(`the lab reported ${nodes} Ready nodes, not 3`);
      // DNS may end after the prompt: its step is updated from the cluster watch.
      await p.locator('.kl-steps [data-step="dns"][data-state="done"]').waitFor({ timeout: 60_000 });
      return { prompt, dns: performance.now() - started };
    };
    const fresh = await once();
    const restored = await once();
    return { fresh, restored };
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const htmlPath = join(dist, page, 'index.html');
if (!existsSync(htmlPath)) {
  console.error(`${resolve(htmlPath)} is missing: run \`npm run build\` first`);
  process.exit(1);
}
const scripts = pageScripts(htmlPath);
console.log(`JavaScript on /${page} before a lab starts: ${kb(scripts.bytes)} (${kb(scripts.gzipped)} gzipped, ${kb(scripts.inline)} inline) in ${scripts.files.length} files — budget ${kb(BUDGET)}: ${scripts.bytes <= BUDGET ? 'within' : 'OVER'}`);
for (const f of scripts.files) console.log(`  ${f}`);

const manifest = join(dist, 'lab-engine', 'manifest.json');
if (existsSync(manifest)) {
  const m = JSON.parse(readFileSync(manifest, 'utf8'));
  const tree = readFileSync(join(dist, 'lab-engine', 'tree.json'));
  console.log(`engine bundle for WebContainers: ${kb(m.totalBytes)} in ${Object.keys(m.files).length} files; tree.json ${kb(tree.length)} (${kb(gz(tree))} gzipped)`);
} else console.log('engine bundle for WebContainers: not built (npm run build:engine)');

const timing = await startToPrompt();
if (timing.skipped) console.log(`Start lab → ready prompt (Worker runtime): skipped, ${timing.skipped}`);
else {
  const { fresh, restored } = timing;
  console.log(`Start lab → ready prompt with 3 Ready nodes (Worker runtime, Chromium): ${fresh.prompt.toFixed(0)} ms new cluster, ${restored.prompt.toFixed(0)} ms restored after a reload — aim < 2000 ms`);
  console.log(`Start lab → cluster DNS answering: ${fresh.dns.toFixed(0)} ms new cluster, ${restored.dns.toFixed(0)} ms restored after a reload`);
}
