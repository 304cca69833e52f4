import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import { Network } from '../../net/network.js';
import { ContainerdRuntime } from './runtime-service.js';
import { LocalImageService } from './image-service.js';
import { criLogLine, formatLogs } from './container-log.js';
import type { ContainerConfig, PodSandboxConfig } from './api.js';

async function setup() {
  const clock = new VirtualClock();
  const network = new Network({ clock, podNetwork: '10.244.0.0/16' });
  const machine = network.addMachine({ name: 'n1', ip: '192.168.1.101/24' });
  const images = new LocalImageService();
  const rt = new ContainerdRuntime(machine, images, clock);
  const sandbox: PodSandboxConfig = {
    metadata: { name: 'p', uid: 'u1', namespace: 'default', attempt: 0 }, hostname: 'p', logDirectory: '/var/log/pods/x',
    dnsConfig: { servers: ['10.254.0.10'], searches: ['default.svc.cluster.local'], options: ['ndots:5'] }, labels: { 'io.kubernetes.pod.uid': 'u1' }, annotations: {},
  };
  const sbId = await rt.runPodSandbox(sandbox);
  const run = async (name: string, image: string, command?: string[]) => {
    await images.pullImage(image);
    const config: ContainerConfig = { metadata: { name, attempt: 0 }, image: { image }, command, envs: [{ key: 'FOO', value: 'bar' }], mounts: [], labels: { 'io.kubernetes.pod.uid': 'u1' }, annotations: {}, logPath: '' };
    const id = await rt.createContainer(sbId, config, sandbox);
    await rt.startContainer(id);
    return id;
  };
  return { clock, network, machine, rt, sbId, run };
}

describe('ContainerdRuntime', () => {
  it('wires the sandbox into the node bridge with an IP from the pod CIDR and writes /etc files', async () => {
    const { rt, sbId, machine, run, clock } = await setup();
    const ip = rt.podSandboxStatus(sbId).network.ip;
    expect(ip.startsWith('10.244.')).toBe(true);
    expect(machine.pod(sbId)?.ip).toBe(ip);
    const id = await run('c', 'busybox:1.36', ['sh', '-c', 'cat /etc/resolv.conf; hostname -i; echo $FOO; echo oops >&2; sleep 100']);
    await clock.advance(10);
    const entries = rt.readLogs(id);
    expect(formatLogs(entries)).toBe(`search default.svc.cluster.local\nnameserver 10.254.0.10\noptions ndots:5\n${ip}\nbar\noops\n`);
    expect(entries.find((e) => e.line === 'oops')?.stream).toBe('stderr');
    expect(criLogLine(entries[0]!)).toBe('2026-01-01T00:00:00.000000000Z stdout F search default.svc.cluster.local');
    expect(formatLogs(entries, { tailLines: 1, timestamps: true })).toMatch(/^2026-01-01T00:00:00\.\d{9}Z oops\n$/);
  });

  it('execs in a running container and stops it with SIGTERM, or SIGKILL after the timeout', async () => {
    const { rt, run, clock } = await setup();
    const id = await run('c', 'busybox:1.36', ['sleep', '1000']);
    await clock.advance(10);
    expect(await rt.execSync(id, ['sh', '-c', 'echo $FOO; exit 3'], 1)).toEqual({ stdout: 'bar\n', stderr: '', exitCode: 3 });
    expect((await rt.execSync(id, ['nope'], 1)).exitCode).toBe(127);
    const stopped = rt.stopContainer(id, 10);
    await clock.advance(10);
    await stopped;
    expect(rt.containerStatus(id)).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 143, reason: 'Error' });
  });

  it('reports a missing entrypoint as StartError exit 128', async () => {
    const { rt, run } = await setup();
    await expect(run('c', 'busybox:1.36', ['no-such-binary'])).rejects.toThrow(/executable file not found in \$PATH/);
    const c = rt.listContainers()[0]!;
    expect(c).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 128, reason: 'StartError' });
  });

  it('forwards a stream to a port inside the pod (the port-forward seam)', async () => {
    const { rt, sbId, run, clock, network } = await setup();
    await run('web', 'nginx:1.25');
    await clock.advance(10);
    const socket = rt.portForward(sbId, 80);
    let reply = '';
    socket.on('data', (d) => (reply += new TextDecoder().decode(d)));
    socket.on('connect', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    for (let i = 0; i < 10 && !reply.includes('</html>'); i++) {
      await network.settle();
      await clock.advance(10);
    }
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(reply).toContain('Server: nginx/1.25.5');
  });
});
