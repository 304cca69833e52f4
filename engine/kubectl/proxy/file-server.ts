// net/http's StripPrefix + FileServer(Dir) as `kubectl proxy --www` uses them (proxy_server.go's newFileHandler). Leaves out ranges, conditional requests and content sniffing; files are read as text.
import type { FileAccess } from '../cmd/util/io.js';
import { cleanPath, htmlEscape, httpError, type Path, type Routed } from './serve-mux.js';

const types: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  xml: 'text/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  yaml: 'application/yaml',
  yml: 'application/yaml',
};

/** contentType is mime.TypeByExtension's answer, else what sniffing a text file gives. */
function contentType(name: string): string {
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  return types[ext] ?? 'text/plain; charset=utf-8';
}

/** localRedirect answers 301 to a path relative to the request, keeping its query. */
function localRedirect(location: string, search: string): Response {
  return new Response(null, { status: 301, headers: { Location: location + search } });
}

const baseName = (p: string) => p.replace(/\/+$/, '').split('/').pop() ?? '';

/** fileHandler serves the folder base under prefix: files, index.html, or a listing of a folder. */
export function fileHandler(prefix: string, base: string, files: FileAccess): Routed {
  const root = base.replace(/\/+$/, '') || '/';
  return async (request, path: Path) => {
    if (!path.decoded.startsWith(prefix)) return httpError('404 page not found', 404);
    const search = new URL(request.url).search;
    const upath = cleanPath('/' + path.decoded.slice(prefix.length)).replace(/\/$/, '') || '/';
    const trailing = path.decoded.endsWith('/');
    if (path.decoded.endsWith('/index.html')) return localRedirect('./', search);
    const full = upath === '/' ? root : `${root}${upath}`;
    const kind = await files.stat(full);
    if (!kind) return httpError('404 page not found', 404);
    if (kind === 'dir') {
      if (!trailing) return localRedirect(`${baseName(path.decoded)}/`, search);
      if ((await files.stat(`${full}/index.html`)) === 'file') return serveFile(`${full}/index.html`, files, request.method);
      return dirList(full, files, request.method);
    }
    if (trailing) return localRedirect(`../${baseName(path.decoded)}`, search);
    return serveFile(full, files, request.method);
  };
}

async function serveFile(full: string, files: FileAccess, method: string): Promise<Response> {
  const text = await files.readFile(full);
  const body = new TextEncoder().encode(text);
  const headers = { 'Content-Type': contentType(full), 'Content-Length': String(body.length), 'Accept-Ranges': 'bytes' };
  return new Response(method === 'HEAD' ? null : body, { status: 200, headers });
}

/** dirList is FileServer's listing: one link per entry, folders with a trailing slash. */
async function dirList(full: string, files: FileAccess, method: string): Promise<Response> {
  const lines: string[] = [];
  for (const name of await files.readDir(full)) {
    const shown = (await files.stat(`${full}/${name}`)) === 'dir' ? `${name}/` : name;
    lines.push(`<a href="${htmlEscape(encodeURI(shown).replace(/[?#]/g, encodeURIComponent))}">${htmlEscape(shown)}</a>`);
  }
  const body = `<!doctype html>\n<meta name="viewport" content="width=device-width">\n<pre>\n${lines.map((l) => l + '\n').join('')}</pre>\n`;
  return new Response(method === 'HEAD' ? null : body, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
