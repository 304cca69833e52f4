// The guestbook end to end on the fake network: redis master, two slaves that follow it, and the
// frontend reading the slaves and writing the master — found by env vars and by DNS names.
import { describe, it, expect } from 'vitest';
import { pullImage } from '../../engine/images/registry.js';
import { newTestWorld, TestContainer } from '../../engine/images/testing/harness.js';
import { httpRequest } from '../../engine/images/lib/http.js';

async function guestbook(getHostsFrom: 'env' | 'dns') {
  const w = newTestWorld();
  const env: Record<string, string> = getHostsFrom === 'env'
    ? { GET_HOSTS_FROM: 'env', REDIS_MASTER_SERVICE_HOST: '10.244.1.10', REDIS_MASTER_SERVICE_PORT: '6379', REDIS_SLAVE_SERVICE_HOST: '10.244.2.11', REDIS_SLAVE_SERVICE_PORT: '6379' }
    : { GET_HOSTS_FROM: 'dns' };
  w.resolver.set('redis-master.default.svc.cluster.local', ['10.244.1.10']);
  w.resolver.set('redis-slave.default.svc.cluster.local', ['10.244.2.11']);
  const container = (raw: string, ip: string) => {
    const pulled = pullImage(raw);
    return new TestContainer(pulled.image, w.network.stack(ip), w.clock, w.resolver, { tag: pulled.tag, env });
  };
  const master = container('kubeguide/redis-master', '10.244.1.10');
  master.start(['redis-server']);
  const slaves = [container('kubeguide/guestbook-redis-slave', '10.244.2.11'), container('kubeguide/guestbook-redis-slave', '10.244.3.12')];
  for (const s of slaves) s.start(['/run.sh']);
  const frontend = container('kubeguide/guestbook-php-frontend', '10.244.3.20');
  const fp = frontend.start(['apache2-foreground']);
  await w.clock.advance(2000);
  const browser = w.network.stack('192.168.1.101');
  const get = async (target: string) => {
    const res = await httpRequest(browser, { address: '10.244.3.20', port: 80, target });
    return { status: res.status, headers: res.headers, body: new TextDecoder().decode(res.body) };
  };
  return { ...w, master, slaves, frontend, fp, get };
}

describe('guestbook', () => {
  it.each(['env', 'dns'] as const)('stores through the master and reads a slave (GET_HOSTS_FROM=%s)', async (mode) => {
    const { get, clock, slaves } = await guestbook(mode);
    expect(await get('/guestbook.php?cmd=get&key=messages')).toMatchObject({ status: 200, body: '{"data": ""}' });
    const set = await get('/guestbook.php?cmd=set&key=messages&value=,hello,world');
    expect(set).toMatchObject({ status: 200, body: '{"message": "Updated"}' });
    expect(set.headers['x-powered-by']).toBe('PHP/5.6.40');
    await clock.advance(50);
    expect((await get('/guestbook.php?cmd=get&key=messages')).body).toBe('{"data": ",hello,world"}');
    // Both slaves hold the value, and neither accepts writes.
    for (const s of slaves) expect((await s.run(['redis-cli', 'GET', 'messages'])).stdout).toBe(',hello,world\n');
    expect((await slaves[0]!.run(['redis-cli', 'SET', 'messages', 'x'])).stdout).toBe("READONLY You can't write against a read only replica.\n");
  });

  it('serves the page and logs in Apache combined format', async () => {
    const { get, fp } = await guestbook('dns');
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>Guestbook</h1>');
    expect(page.body).toContain("fetch('guestbook.php?'");
    expect((await get('/nope')).status).toBe(404);
    expect(fp.stdout()).toContain('192.168.1.101 - - [01/Jan/2026:00:00:02 +0000] "GET / HTTP/1.1" 200 ');
  });

  it('answers 500 when redis cannot be reached', async () => {
    const { get, master } = await guestbook('env');
    void master;
    const w = newTestWorld();
    const lonely = new TestContainer(pullImage('kubelab/guestbook-frontend:v2').image, w.network.stack('10.0.0.5'), w.clock, w.resolver, { tag: 'v2' });
    lonely.start(['apache2-foreground']);
    await w.clock.advance(10);
    const res = await httpRequest(w.network.stack('10.0.0.6'), { address: '10.0.0.5', port: 80, target: '/guestbook.php?cmd=get&key=messages' });
    expect(res.status).toBe(500);
    const page = await httpRequest(w.network.stack('10.0.0.7'), { address: '10.0.0.5', port: 80, target: '/' });
    expect(new TextDecoder().decode(page.body)).toContain('<h1>Guestbook v2</h1>');
    expect((await get('/guestbook.php?cmd=get&key=messages')).status).toBe(200);
  });
});
