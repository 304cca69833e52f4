import { describe, expect, it } from 'vitest';
import { proxyPath, rewriteHTML, splitSchemeNamePort } from './proxy-handler.js';

describe('splitSchemeNamePort', () => {
  it.each([
    ['web', { scheme: '', name: 'web', port: '' }],
    ['web:80', { scheme: '', name: 'web', port: '80' }],
    ['web:http', { scheme: '', name: 'web', port: 'http' }],
    ['https:web:443', { scheme: 'https', name: 'web', port: '443' }],
    ['a:b:c:d', undefined],
    ['ftp:web:21', undefined],
    [':80', undefined],
  ])('%s', (id, want) => expect(splitSchemeNamePort(id)).toEqual(want));
});

describe('proxy paths and HTML', () => {
  it('splits at /proxy', () => {
    expect(proxyPath(new URL('http://x/api/v1/namespaces/kube-system/services/kube-ui/proxy/static/app.js'))).toEqual({
      prefix: '/api/v1/namespaces/kube-system/services/kube-ui/proxy',
      rest: '/static/app.js',
    });
  });
  it('prefixes absolute links and leaves relative and protocol-relative ones', () => {
    const p = '/api/v1/namespaces/default/services/ui/proxy';
    expect(rewriteHTML(`<a href="/nodes">n</a><script src='/app.js'></script><form action="/post"><a href="rel">r</a><img src="//cdn/x.png">`, p)).toBe(
      `<a href="${p}/nodes">n</a><script src='${p}/app.js'></script><form action="${p}/post"><a href="rel">r</a><img src="//cdn/x.png">`,
    );
  });
});
