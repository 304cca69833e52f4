import { describe, it, expect, beforeEach } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import { Network } from '../network.js';
import type { Machine, PodNetwork } from '../machine.js';
import { NET_TOOLS, type ToolContext } from './index.js';
import { decodeMessage, encodeMessage } from '../../dns/wire/codec.js';
import { newReply, Rcode, Type } from '../../dns/wire/message.js';

async function run(name: string, argv: string[], ctx: ToolContext, stdin?: string) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (s: string) => void (stdout += s),
    stderr: (s: string) => void (stderr += s),
    stdin: stdin === undefined ? undefined : (async function* () { yield stdin; })(),
  };
  const code = await NET_TOOLS[name]!(argv, io, { tools: NET_TOOLS, ...ctx });
  return { code, stdout, stderr };
}

describe('node-shell tools', () => {
  let clock: VirtualClock;
  let net: Network;
  let node1: Machine;
  let node2: Machine;
  let web: PodNetwork;
  let client: PodNetwork;
  let dns: PodNetwork;

  beforeEach(async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1));
    net = new Network({ clock, seed: 3 });
    node1 = net.addMachine({ name: 'node1', ip: '192.168.1.101/24' });
    node2 = net.addMachine({ name: 'node2', ip: '192.168.1.102/24' });
    web = node1.setUpPod('web');
    client = node2.setUpPod('client');
    dns = node2.setUpPod('dns');
    // An HTTP server answering every request.
    const srv = web.netns.stack.createServer((s) =>
      s.on('data', (d) => {
        const req = new TextDecoder().decode(d);
        const body = `hello from web: ${req.split(' ')[0]}\n`;
        s.write(`HTTP/1.1 200 OK\r\nServer: nginx/1.7.9\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      }),
    );
    await srv.listen(80);
    // A tiny authoritative server for web.default.svc.cluster.local.
    const sock = dns.netns.stack.createDatagramSocket();
    await sock.bind(53);
    sock.on('message', (msg, rinfo) => {
      const q = decodeMessage(msg);
      const name = q.question[0]!.name;
      const found = name === 'web.default.svc.cluster.local.';
      const r = newReply(q, found ? Rcode.Success : Rcode.NameError);
      if (found) r.answer.push({ name, type: Type.A, class: 1, ttl: 30, data: web.ip });
      sock.send(encodeMessage(r), rinfo.port, rinfo.address);
    });
  });

  const podCtx = () => ({ netns: client.netns, clock, resolv: { nameservers: [dns.ip], search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5 } });

  it('ip addr shows the pod eth0 with its veth peer index', async () => {
    const r = await run('ip', ['addr'], { netns: client.netns, clock });
    expect(r.stdout).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link\/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1\/8 scope host lo\n/);
    expect(r.stdout).toMatch(/2: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default \n    link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff link-netnsid 0\n    inet 172\.17\.2\.2\/24 brd 172\.17\.2\.255 scope global eth0\n/);
  });

  it('ip route on a node lists connected, default and host-gw routes', async () => {
    const r = await run('ip', ['route'], { netns: node1.host, clock, machine: node1 });
    expect(r.stdout).toBe(
      'default via 192.168.1.1 dev eth0 \n' +
        '172.17.1.0/24 dev cbr0 proto kernel scope link src 172.17.1.1 \n' +
        '172.17.2.0/24 via 192.168.1.102 dev eth0 \n' +
        '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.101 \n',
    );
    const get = await run('ip', ['route', 'get', '172.17.2.3'], { netns: node1.host, clock });
    expect(get.stdout).toBe('172.17.2.3 via 192.168.1.102 dev eth0 src 192.168.1.101 uid 0 \n    cache \n');
  });

  it('brctl show lists the bridge and its veth ports; ip netns lists pods', async () => {
    const r = await run('brctl', ['show'], { netns: node2.host, clock, machine: node2 });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('bridge name\tbridge id\t\tSTP enabled\tinterfaces');
    expect(lines[1]).toMatch(/^cbr0\t\t8000\.[0-9a-f]{12}\tno\t\tveth[0-9a-f]{8}$/);
    expect(lines[2]).toMatch(/^\t\t\t\t\t\t\tveth[0-9a-f]{8}$/);
    const ns = await run('ip', ['netns'], { netns: node2.host, clock, machine: node2 });
    expect(ns.stdout).toBe('dns (id: 1)\nclient (id: 0)\n');
    const exec = await run('ip', ['netns', 'exec', 'client', 'ip', 'route'], { netns: node2.host, clock, machine: node2 });
    expect(exec.stdout).toBe('default via 172.17.2.1 dev eth0 \n172.17.2.0/24 dev eth0 proto kernel scope link src 172.17.2.2 \n');
  });

  it('curl fetches a page by service name through DNS, and fails like curl', async () => {
    const ok = await run('curl', ['-s', 'http://web/index.html'], podCtx());
    expect(ok).toEqual({ code: 0, stdout: 'hello from web: GET\n', stderr: '' });
    const inc = await run('curl', ['-i', '-X', 'POST', '-d', 'a=1', `http://${web.ip}/`], podCtx());
    expect(inc.stdout).toBe('HTTP/1.1 200 OK\r\nServer: nginx/1.7.9\r\nContent-Length: 21\r\n\r\nhello from web: POST\n');
    const refused = await run('curl', [`http://${web.ip}:81/`], podCtx());
    expect(refused.code).toBe(7);
    expect(refused.stderr).toBe(`curl: (7) Failed to connect to ${web.ip} port 81 after 0 ms: Couldn't connect to server\n`);
    const nohost = await run('curl', ['http://nope/'], podCtx());
    expect(nohost).toEqual({ code: 6, stdout: '', stderr: 'curl: (6) Could not resolve host: nope\n' });
    const w = await run('wget', ['-qO-', `http://${web.ip}/`], podCtx());
    expect(w.stdout).toBe('hello from web: GET\n');
  });

  it('nslookup answers and reports NXDOMAIN', async () => {
    const ok = await run('nslookup', ['web'], podCtx());
    expect(ok.stdout).toBe(`Server:\t\t${dns.ip}\nAddress:\t${dns.ip}#53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${web.ip}\n\n`);
    const bad = await run('nslookup', ['nothing'], podCtx());
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("** server can't find nothing: NXDOMAIN");
    const d = await run('dig', ['+short', `@${dns.ip}`, 'web.default.svc.cluster.local'], podCtx());
    expect(d.stdout).toBe(`${web.ip}\n`);
  });

  it('nc -zv probes ports; conntrack -L shows the node entries', async () => {
    const ok = await run('nc', ['-zv', web.ip, '80'], podCtx());
    expect(ok.stderr).toBe(`Connection to ${web.ip} 80 port [tcp/http] succeeded!\n`);
    const no = await run('nc', ['-zv', web.ip, '81'], podCtx());
    expect(no).toEqual({ code: 1, stdout: '', stderr: `nc: connect to ${web.ip} port 81 (tcp) failed: Connection refused\n` });
    await net.settle();
    const ct = await run('conntrack', ['-L', '-p', 'tcp'], { netns: node2.host, clock });
    const line = ct.stdout.split('\n').find((l) => l.includes('dport=80 '))!;
    expect(line).toMatch(new RegExp(`^tcp      6 \\d+ (TIME_WAIT|CLOSE_WAIT|LAST_ACK|FIN_WAIT) src=${client.ip.replace(/\./g, '\\.')} dst=${web.ip.replace(/\./g, '\\.')} sport=\\d+ dport=80 src=${web.ip.replace(/\./g, '\\.')} dst=${client.ip.replace(/\./g, '\\.')} sport=80 dport=\\d+ \\[ASSURED\\] mark=0 use=1$`));
    expect(ct.stderr).toMatch(/^conntrack v1\.4\.6 \(conntrack-tools\): \d+ flow entries have been shown\.\n$/);
  });

  it('ping counts replies and reports loss', async () => {
    const p = run('ping', ['-c', '3', web.ip], podCtx());
    await clock.advance(5000);
    const r = await p;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`PING ${web.ip} (${web.ip}) 56(84) bytes of data.\n64 bytes from ${web.ip}: icmp_seq=1 ttl=62 time=0.000 ms\n`);
    expect(r.stdout).toContain('3 packets transmitted, 3 received, 0% packet loss');
    node1.host.netfilter.run(['-A', 'FORWARD', '-p', 'icmp', '-j', 'DROP']);
    const lost = run('ping', ['-c', '2', '-W', '1', web.ip], podCtx());
    await clock.advance(20_000);
    const l = await lost;
    expect(l.code).toBe(1);
    expect(l.stdout).toContain('2 packets transmitted, 0 received, 100% packet loss');
  });

  it('iptables-restore reads stdin and iptables-save -c prints counters', async () => {
    const text = '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A FORWARD -d 172.17.1.2/32 -p tcp -m tcp --dport 80 -j ACCEPT\nCOMMIT\n';
    expect((await run('iptables-restore', [], { netns: node1.host, clock }, text)).code).toBe(0);
    await run('curl', ['-s', `http://${web.ip}/`], podCtx());
    const s = await run('iptables-save', ['-c', '-t', 'filter'], { netns: node1.host, clock });
    expect(s.stdout).toMatch(/\[(\d+):(\d+)\] -A FORWARD -d 172\.17\.1\.2\/32 -p tcp -m tcp --dport 80 -j ACCEPT/);
    expect(Number(/\[(\d+):\d+\] -A FORWARD/.exec(s.stdout)![1])).toBeGreaterThanOrEqual(4);
  });
});
