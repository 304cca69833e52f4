// Dataplane previews: the document a sandboxed frame gets — our <base>, CSP and bridge first in
// the head, the page's scripts, styles and images inlined from the lab's network, text answers
// and failures shown as text — and the bridge script is valid JavaScript.
import { describe, expect, it } from 'vitest';
import { bridgeScript } from '../../src/lab/preview/bridge-script.js';
import { inline, isHTML, PREVIEW_CSP, previewDocument, resources, withHead } from '../../src/lab/preview/preview-document.js';
import type { PreviewRequest, PreviewResponse } from '../../src/lab/runtime/types.js';

const base = 'http://192.168.1.101:30001/app/';
const ok = (body: string, type = 'text/html'): PreviewResponse => ({ url: base, status: 200, statusText: 'OK', headers: [['content-type', type]], body });
const get = (url: string): PreviewRequest => ({ method: 'GET', url, headers: [] });

describe('withHead', () => {
  it.each([
    { name: 'after <head>', html: '<html><head><title>x</title></head></html>', at: /^<html><head><meta http-equiv="Content-Security-Policy"/ },
    { name: 'a new head after <html>', html: '<html lang="en"><body>x</body></html>', at: /^<html lang="en"><head><meta /},
    { name: 'a new head before a fragment', html: '<p>x</p>', at: /^<!DOCTYPE html><head><meta / },
  ])('puts the preview tags $name', ({ html, at }) => {
    const out = withHead(html, base);
    expect(out).toMatch(at);
    expect(out).toContain(`<base href="${base}">`);
    expect(out).toContain(PREVIEW_CSP);
    expect(out.indexOf('<base')).toBeLessThan(out.indexOf('<title') < 0 ? Infinity : out.indexOf('<title'));
  });
});

describe('resources and inline', () => {
  const page = `<head><link rel="stylesheet" href="site.css"><script src="/js/app.js"></script><script src='data:text/javascript,1'></script></head><body><img alt=logo src=logo.png></body>`;

  it('finds scripts, stylesheets and images, resolved against the page', () => {
    expect(resources(page, base).map((r) => [r.kind, r.url])).toEqual([
      ['script', 'http://192.168.1.101:30001/js/app.js'],
      ['style', 'http://192.168.1.101:30001/app/site.css'],
      ['img', 'http://192.168.1.101:30001/app/logo.png'],
    ]);
  });

  it('inlines what was fetched and leaves failures alone', () => {
    const list = resources(page, base);
    const fetched = new Map<(typeof list)[number], PreviewResponse>([
      [list[0]!, ok('console.log("</script>")', 'application/javascript')],
      [list[1]!, { url: list[1]!.url, error: 'connection refused' }],
      [list[2]!, { url: list[2]!.url, status: 200, statusText: 'OK', headers: [['content-type', 'image/png'], ['x-kubelab-body-encoding', 'base64']], body: 'iVBORw==' }],
    ]);
    const out = inline(page, fetched);
    expect(out).toContain('<script>console.log("<\\/script>")</script>');
    expect(out).toContain('<link rel="stylesheet" href="site.css">');
    expect(out).toContain('<img alt=logo src="data:image/png;base64,iVBORw==">');
  });
});

describe('previewDocument', () => {
  it('loads the resources through the given fetch and puts the bridge in the page', async () => {
    const asked: string[] = [];
    const doc = await previewDocument(get(base), ok('<html><head><script src="a.js"></script></head><body>hi</body></html>'), async (req) => {
      asked.push(req.url);
      return ok('window.a = 1', 'text/javascript');
    });
    expect(asked).toEqual(['http://192.168.1.101:30001/app/a.js']);
    expect(doc).toContain('<script>window.a = 1</script>');
    expect(doc).toContain('kubelab-preview');
  });

  it('shows JSON as text with its status line', async () => {
    const doc = await previewDocument(get(`${base}api`), ok('{"a": "<b>"}', 'application/json'), async () => ok(''));
    expect(isHTML(ok('{}', 'application/json'))).toBe(false);
    expect(doc).toContain('HTTP/1.1 200 OK');
    expect(doc).toContain('{&#34;a&#34;: &#34;&#60;b&#62;&#34;}');
  });

  it('shows a network failure as what happened', async () => {
    const doc = await previewDocument(get(base), { url: base, error: 'failed to connect to 192.168.1.101 port 30001: Connection refused' }, async () => ok(''));
    expect(doc).toContain('GET http://192.168.1.101:30001/app/');
    expect(doc).toContain('Connection refused');
  });
});

describe('bridgeScript', () => {
  it('parses as a script', () => {
    expect(() => new Function(bridgeScript)).not.toThrow();
  });
});
