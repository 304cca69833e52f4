import { describe, it, expect } from 'vitest';
import { nginxImage, requestCPUMillis } from './image.js';
import { advanceUntil } from '../../client/testing/advance.js';
import { newTestWorld, TestContainer } from '../testing/harness.js';
import { httpRequest } from '../lib/http.js';
import { MemFileSystem } from '../fs/mem-fs.js';

async function startNginx(tag: string) {
  const w = newTestWorld();
  const c = new TestContainer(nginxImage, w.network.stack('10.244.1.20'), w.clock, w.resolver, { tag });
  const p = c.start(['nginx', '-g', 'daemon off;']);
  await w.clock.advance(10);
  const client = w.network.stack('10.244.2.2');
  // Each answer waits for the worker's CPU time on the clock, so requests drive the clock.
  const get = (target: string) => advanceUntil(w.clock, httpRequest(client, { address: '10.244.1.20', port: 80, target }), 1);
  return { ...w, c, p, get };
}

describe('nginx', () => {
  it.each([
    ['1.7.9', 'nginx/1.7.9'],
    ['1.9.1', 'nginx/1.9.1'],
    ['1.25', 'nginx/1.25.5'],
    ['latest', 'nginx/1.27.5'],
  ])('tag %s answers with Server: %s', async (tag, server) => {
    const { get } = await startNginx(tag);
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.server).toBe(server);
    expect(new TextDecoder().decode(res.body)).toContain('<title>Welcome to nginx!</title>');
  });

  it('serves 404 with nginx error page and logs requests in the image format', async () => {
    const { get, p } = await startNginx('1.7.9');
    const res = await get('/missing.html');
    expect(res.status).toBe(404);
    expect(new TextDecoder().decode(res.body)).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.7.9</center>\r\n</body>\r\n</html>\r\n');
    expect(p.stdout()).toContain('10.244.2.2 - - [01/Jan/2026:00:00:00 +0000] "GET /missing.html HTTP/1.1" 404 ');
    expect(p.stdout()).toMatch(/"GET \/missing.html HTTP\/1.1" 404 \d+ "-" "Wget" "-"\n$/);
  });

  it('shows a volume mounted over the html root', async () => {
    const { c, get } = await startNginx('latest');
    const volume = new MemFileSystem();
    volume.writeFile('/index.html', '<h1>from a configMap</h1>\n');
    c.fs.mount('/usr/share/nginx/html', volume, { readOnly: true });
    expect(new TextDecoder().decode((await get('/')).body)).toBe('<h1>from a configMap</h1>\n');
  });

  it('accounts CPU per request served and answers once the work is done', async () => {
    const { get, p, clock } = await startNginx('latest');
    const before = p.process.cpuUsage();
    const start = clock.now();
    for (let i = 0; i < 5; i++) expect((await get('/')).status).toBe(200);
    expect(p.process.cpuUsage() - before).toBe(5 * requestCPUMillis * 1_000_000);
    // One request after another: at least the work's time passed on the clock.
    expect(clock.now() - start).toBeGreaterThanOrEqual(5 * requestCPUMillis);
  });

  it('works on concurrent requests one after another', async () => {
    const w = await startNginx('latest');
    const client = w.network.stack('10.244.2.2');
    const start = w.clock.now();
    const answered: number[] = [];
    const all = Promise.all([0, 1, 2].map(() => httpRequest(client, { address: '10.244.1.20', port: 80, target: '/' }).then(() => answered.push(w.clock.now() - start))));
    await advanceUntil(w.clock, all, 1);
    expect(answered).toEqual([requestCPUMillis, 2 * requestCPUMillis, 3 * requestCPUMillis]);
    expect(w.p.process.cpuUsage()).toBe(3 * requestCPUMillis * 1_000_000);
  });

  it('exits 0 on SIGTERM', async () => {
    const { p, clock } = await startNginx('latest');
    p.process.kill('SIGTERM');
    await clock.advance(1);
    expect(await p.process.done).toEqual({ exitCode: 0, reason: 'Completed' });
  });
});
