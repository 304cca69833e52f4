import { describe, it, expect } from 'vitest';
import { busybox } from './image.js';
import { newTestWorld, TestContainer } from '../testing/harness.js';
import { serveHttp } from '../lib/http.js';

function world() {
  const w = newTestWorld();
  const c = new TestContainer(busybox, w.network.stack('10.244.1.5'), w.clock, w.resolver, { hostname: 'box' });
  return { ...w, c };
}

describe('busybox sh -c pipelines and tools', () => {
  const cases: [string, string, string, number?][] = [
    ['echo | grep | wc', 'printf "a\\nb\\nab\\n" | grep a | wc -l', '2\n'],
    ['sort -n and uniq -u', 'printf "10\\n9\\n10\\n1\\n" | sort -n -u', '1\n9\n10\n'],
    ['head and tail', 'seq 10 | head -n 3 && seq 10 | tail -n 2 && seq 5 | tail -2', '1\n2\n3\n9\n10\n4\n5\n'],
    ['yes | head ends', 'yes hi | head -n 2', 'hi\nhi\n'],
    ['base64 round trip', 'echo -n hello | base64 && echo aGVsbG8= | base64 -d', 'aGVsbG8=\nhello'],
    ['files', 'mkdir -p /tmp/a/b && echo x > /tmp/a/b/f && ls /tmp/a/b && cat /tmp/a/b/f && rm -r /tmp/a && ls /tmp', 'f\nx\n'],
    ['grep -c -v -i -n', 'printf "Foo\\nbar\\nfoo\\n" > /tmp/t; grep -ci foo /tmp/t; grep -v foo /tmp/t; grep -n bar /tmp/t', '2\nFoo\nbar\n2:bar\n'],
    ['wc default columns', 'echo hello world | wc', '        1         2        12\n'],
    ['hostname, id, whoami', 'hostname; hostname -i; id; whoami', 'box\n10.244.1.5\nuid=0(root) gid=0(root) groups=0(root),10(wheel)\nroot\n'],
    ['env and printenv', 'export GREETING=hi; printenv GREETING; env | grep GREETING', 'hi\nGREETING=hi\n'],
    ['date from the clock', 'date; date +%s', 'Thu Jan  1 00:00:00 UTC 2026\n1767225600\n'],
    ['sleep advances with the clock', 'sleep 2; date +%T', '00:00:02\n'],
    ['tr', 'echo hello | tr a-z A-Z', 'HELLO\n'],
    ['cat of a missing file', 'cat /nope', '', 1],
    ['unknown command', 'frobnicate', '', 127],
    ['ip addr shows the pod address', 'ip addr | grep "inet "', '    inet 127.0.0.1/8 scope host lo\n    inet 10.244.1.5/24 brd 10.244.1.255 scope global eth0\n'],
  ];
  it.each(cases)('%s', async (_name, script, want, code = 0) => {
    const { c } = world();
    const r = await c.run(['sh', '-c', script]);
    expect(r.stdout).toBe(want);
    expect(r.code).toBe(code);
  });

  it('prints busybox error messages', async () => {
    const { c } = world();
    expect((await c.run(['sh', '-c', 'cat /nope'])).stderr).toBe("cat: can't open '/nope': No such file or directory\n");
    expect((await c.run(['sh', '-c', 'frobnicate'])).stderr).toBe('sh: frobnicate: not found\n');
    expect((await c.run(['sh', '-c', 'mkdir /tmp; rm /tmp'])).stderr).toBe("mkdir: can't create directory '/tmp': File exists\nrm: '/tmp' is a directory\n");
    expect((await c.run(['ls', '/nope'])).stderr).toBe('ls: /nope: No such file or directory\n');
  });

  it('runs the container command directly (argv without a shell)', async () => {
    const { c } = world();
    expect((await c.run(['echo', 'direct', 'args'])).stdout).toBe('direct args\n');
    expect((await c.run(['/bin/sh', '-c', 'echo $0 $1', 'name', 'one'])).stdout).toBe('name one\n');
  });
});

describe('busybox network tools', () => {
  it('wget -qO- fetches a page; errors look like busybox', async () => {
    const { c, network, resolver } = world();
    const web = network.stack('10.244.2.7');
    await serveHttp(web, 80, (req) => (req.path === '/' ? { status: 200, body: 'hello from web\n' } : { status: 404, body: 'nope' }));
    resolver.set('web.default.svc.cluster.local', ['10.244.2.7']);
    expect(await c.run(['wget', '-qO-', 'http://web'])).toEqual({ code: 0, stdout: 'hello from web\n', stderr: '' });
    const missing = await c.run(['wget', '-q', '-O', '-', 'http://web/missing']);
    expect(missing.stderr).toBe('wget: server returned error: HTTP/1.1 404 Not Found\n');
    expect(missing.code).toBe(1);
    expect((await c.run(['wget', '-qO-', 'http://10.244.2.7:81/'])).stderr).toBe("wget: can't connect to remote host (10.244.2.7): Connection refused\n");
    expect((await c.run(['wget', '-qO-', 'http://nothere/'])).stderr).toBe("wget: bad address 'nothere'\n");
    const saved = await c.run(['sh', '-c', 'cd /tmp && wget -q http://web/ && cat index.html']);
    expect(saved.stdout).toBe('hello from web\n');
  });

  it('wget -T times out against a dropped address', async () => {
    const { c, network } = world();
    network.dropped.add('10.9.9.9');
    network.stack('10.9.9.9');
    const r = await c.run(['wget', '-q', '-T', '2', '-O', '-', 'http://10.9.9.9/']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'wget: download timed out\n' });
  });

  it('nc -z probes a port; nc talks to a listener', async () => {
    const { c, network } = world();
    const peer = network.stack('10.244.3.3');
    const server = peer.createServer((s) => s.on('data', (d) => s.end(new TextDecoder().decode(d).toUpperCase())));
    await server.listen(7000);
    expect((await c.run(['nc', '-z', '10.244.3.3', '7000'])).code).toBe(0);
    expect((await c.run(['nc', '-z', '10.244.3.3', '7001'])).code).toBe(1);
    expect((await c.run(['sh', '-c', 'echo ping | nc 10.244.3.3 7000'])).stdout).toBe('PING\n');
  });

  it('nslookup queries the nameserver from resolv.conf with the search list', async () => {
    const { c, network } = world();
    const { ClusterDnsStub } = await import('../testing/dns-stub.js');
    await new ClusterDnsStub(network.stack('10.254.0.10'), { 'kubernetes.default.svc.cluster.local.': '10.254.0.1' }).listen();
    c.fs.writeFile('/etc/resolv.conf', 'nameserver 10.254.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n');
    const r = await c.run(['nslookup', 'kubernetes']);
    expect(r.stdout).toBe('Server:\t\t10.254.0.10\nAddress:\t10.254.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.254.0.1\n\n');
    const miss = await c.run(['nslookup', 'nope.default.svc.cluster.local.']);
    expect(miss.stdout).toContain("** server can't find nope.default.svc.cluster.local: NXDOMAIN");
    expect(miss.code).toBe(1);
  });
});
