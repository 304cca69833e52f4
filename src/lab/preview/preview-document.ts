// Turns an HTTP answer from the lab's network into the document a sandboxed preview frame shows:
// HTML gets a <base> (so relative links resolve against the NodePort's address), a Content
// Security Policy that keeps the browser off the real network (192.168.1.x may exist on the
// learner's own LAN), the bridge script, and its scripts, styles and images inlined — fetched
// through the lab's network beforehand. Other answers are shown as text; failures as curl says them.
import type { PreviewRequest, PreviewResponse } from '../runtime/types.js';
import { bridgeScript } from './bridge-script.js';

/** CSP allows only what the document carries inline. */
export const PREVIEW_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; media-src data:";

const escapeHTML = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const header = (r: { headers: Array<[string, string]> }, name: string) => r.headers.find(([k]) => k.toLowerCase() === name)?.[1];

/** Resource is a script, stylesheet or image a page refers to by URL. */
export interface Resource {
  kind: 'script' | 'style' | 'img';
  /** tag is the exact markup to replace. */
  tag: string;
  url: string;
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined);

/** resources lists what the page loads from URLs, resolved against base. */
export function resources(html: string, base: string): Resource[] {
  const out: Resource[] = [];
  const add = (kind: Resource['kind'], tag: string, ref: string | undefined) => {
    if (!ref || /^(data|javascript|blob):/i.test(ref)) return;
    try {
      out.push({ kind, tag, url: new URL(ref, base).href });
    } catch {
      // an unparsable URL stays as it is and does not load
    }
  };
  for (const m of html.matchAll(/<script\b[^>]*\bsrc\s*=[^>]*>\s*<\/script>/gi)) add('script', m[0], attr(m[0], 'src'));
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) if (/stylesheet/i.test(attr(m[0], 'rel') ?? '')) add('style', m[0], attr(m[0], 'href'));
  for (const m of html.matchAll(/<img\b[^>]*>/gi)) add('img', m[0], attr(m[0], 'src'));
  return out;
}

/** inline replaces each fetched resource's tag with its inline form. */
export function inline(html: string, fetched: Map<Resource, PreviewResponse>): string {
  for (const [res, r] of fetched) {
    if ('error' in r || r.status >= 400) continue;
    let replacement: string;
    if (res.kind === 'script') replacement = `<script>${r.body.replace(/<\/script/gi, '<\\/script')}</script>`;
    else if (res.kind === 'style') replacement = `<style>${r.body.replace(/<\/style/gi, '<\\/style')}</style>`;
    else {
      const type = header(r, 'content-type') ?? 'application/octet-stream';
      const data = header(r, 'x-kubelab-body-encoding') === 'base64' ? r.body : btoa(unescape(encodeURIComponent(r.body)));
      replacement = res.tag.replace(/\ssrc\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/i, ` src="data:${type};base64,${data}"`);
    }
    html = html.replace(res.tag, () => replacement);
  }
  return html;
}

/** headTags are what a preview document starts with. */
export function headTags(base: string): string {
  return `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}"><base href="${escapeHTML(base)}"><script>${bridgeScript}</script>`;
}

/** withHead puts the preview's tags first in the document's head (making one when there is none). */
export function withHead(html: string, base: string): string {
  const tags = headTags(base);
  // The page's own <base> would send relative URLs elsewhere; the first <base> wins, so ours goes first.
  const head = /<head\b[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tags + html.slice(head.index + head[0].length);
  const open = /<html\b[^>]*>/i.exec(html);
  if (open) return html.slice(0, open.index + open[0].length) + `<head>${tags}</head>` + html.slice(open.index + open[0].length);
  return `<!DOCTYPE html><head>${tags}</head>${html}`;
}

/** textDocument shows a non-HTML answer or a failure as preformatted text. */
export function textDocument(title: string, text: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}"><title>${escapeHTML(title)}</title><style>body{font:14px ui-monospace,monospace;margin:1rem;white-space:pre-wrap;color:#222;background:#fff}</style></head><body>${escapeHTML(text)}</body></html>`;
}

/** isHTML says whether an answer is a page. */
export function isHTML(r: PreviewResponse): boolean {
  if ('error' in r) return false;
  const type = header(r, 'content-type');
  return type ? /html/i.test(type) : /^\s*(<!doctype html|<html)/i.test(r.body);
}

/**
 * previewDocument builds the frame's document for an answer; fetch loads the resources the page
 * refers to through the same network (at most a few dozen, in parallel).
 */
export async function previewDocument(req: PreviewRequest, r: PreviewResponse, fetch: (req: PreviewRequest) => Promise<PreviewResponse>): Promise<string> {
  if ('error' in r) return textDocument(req.url, `${req.method} ${req.url}\n\n${r.error}`);
  if (!isHTML(r)) {
    const head = `HTTP/1.1 ${r.status} ${r.statusText}\n${r.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n`;
    return textDocument(req.url, head + (header(r, 'x-kubelab-body-encoding') === 'base64' ? '(binary body)' : r.body));
  }
  const list = resources(r.body, req.url).slice(0, 32);
  const fetched = new Map<Resource, PreviewResponse>();
  await Promise.all(list.map(async (res) => fetched.set(res, await fetch({ method: 'GET', url: res.url, headers: [] }))));
  return withHead(inline(r.body, fetched), req.url);
}
