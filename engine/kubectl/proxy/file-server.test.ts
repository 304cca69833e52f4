import { describe, expect, it } from 'vitest';
import { memoryFiles } from '../cmd/util/io.js';
import { fileHandler } from './file-server.js';
import { serveMux } from './serve-mux.js';

describe('kubectl proxy --www', () => {
  const files = memoryFiles({
    '/www/app.js': 'console.log(1)',
    '/www/docs/a b.txt': 'spaced',
    '/www/docs/img/x.svg': '<svg/>',
    '/www/site/index.html': '<title>site</title>',
  });
  const h = serveMux([['/static/', fileHandler('/static/', '/www', files)]]);
  const get = async (path: string) => {
    const res = await h(new Request(`http://localhost:8001${path}`));
    return { status: res.status, location: res.headers.get('location'), type: res.headers.get('content-type'), body: await res.text() };
  };

  it('serves a file with its type', async () => {
    expect(await get('/static/app.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', body: 'console.log(1)' });
  });

  it('serves a folder’s index.html, and redirects the index itself to the folder', async () => {
    expect(await get('/static/site/')).toMatchObject({ status: 200, body: '<title>site</title>' });
    expect(await get('/static/site/index.html')).toMatchObject({ status: 301, location: './' });
  });

  it('lists a folder without index.html', async () => {
    const r = await get('/static/docs/');
    expect(r.type).toBe('text/html; charset=utf-8');
    expect(r.body).toBe('<!doctype html>\n<meta name="viewport" content="width=device-width">\n<pre>\n<a href="a%20b.txt">a b.txt</a>\n<a href="img/">img/</a>\n</pre>\n');
  });

  it('redirects a folder without its slash and a file with one', async () => {
    expect(await get('/static/docs?v=1')).toMatchObject({ status: 301, location: 'docs/?v=1' });
    expect(await get('/static/app.js/')).toMatchObject({ status: 301, location: '../app.js' });
  });

  it('answers 404 for what is not there', async () => {
    expect(await get('/static/nope.css')).toMatchObject({ status: 404, body: '404 page not found\n' });
    expect(await get('/elsewhere')).toMatchObject({ status: 404 });
  });
});
