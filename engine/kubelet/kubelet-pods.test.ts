import { describe, it, expect } from 'vitest';
import { startKubeletHarness, newPod, type KubeletHarness } from './testing/harness.js';

async function withHarness(fn: (h: KubeletHarness) => Promise<void>): Promise<void> {
  const h = await startKubeletHarness();
  try {
    await fn(h);
  } finally {
    await h.close();
  }
}

const envOf = (logs: string) => Object.fromEntries(logs.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

describe('environment variables', () => {
  it('sets service variables, fieldRef/resourceFieldRef/configMap/secret values and expands $(VAR)', () =>
    withHarness(async (h) => {
      const svc = await h.cs.coreV1().services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'redis-master' }, spec: { ports: [{ port: 6379, targetPort: 6379 }], selector: { app: 'redis' } } });
      await h.cs.coreV1().services('other').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'elsewhere', namespace: 'other' }, spec: { ports: [{ port: 80 }] } }).catch(() => undefined);
      await h.cs.coreV1().configMaps('default').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { mode: 'fast', 'log.level': 'debug' } });
      await h.cs.coreV1().secrets('default').create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, data: { password: btoa('s3cret') } });
      await h.advance(1000);
      await h.createPod(newPod('envy', {
        restartPolicy: 'Never',
        containers: [{
          name: 'c', image: 'busybox:1.36', command: ['env'],
          resources: { limits: { memory: '64Mi', cpu: '500m' } },
          envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }],
          env: [
            { name: 'GREETING', value: 'hi' },
            { name: 'MESSAGE', value: '$(GREETING) from $(MY_NODE) $(REDIS_MASTER_SERVICE_HOST)' },
            { name: 'MY_NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
            { name: 'MY_POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
            { name: 'MY_APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
            { name: 'MEM_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
            { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
            { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } },
            { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
          ],
        }],
      }, { app: 'envy' }));
      await h.advance(2000);
      const pod = await h.getPod('envy');
      expect(pod.status?.phase).toBe('Succeeded');
      const env = envOf(h.kubelets[0]!.getContainerLogs('default', 'envy', 'c'));
      const ip = svc.spec!.clusterIP!;
      expect(env).toMatchObject({
        REDIS_MASTER_SERVICE_HOST: ip,
        REDIS_MASTER_SERVICE_PORT: '6379',
        REDIS_MASTER_PORT: `tcp://${ip}:6379`,
        REDIS_MASTER_PORT_6379_TCP: `tcp://${ip}:6379`,
        REDIS_MASTER_PORT_6379_TCP_PROTO: 'tcp',
        REDIS_MASTER_PORT_6379_TCP_PORT: '6379',
        REDIS_MASTER_PORT_6379_TCP_ADDR: ip,
        KUBERNETES_SERVICE_HOST: '10.254.0.1',
        KUBERNETES_SERVICE_PORT: '443',
        GREETING: 'hi',
        MY_NODE: 'node-1',
        MY_POD_IP: pod.status!.podIP,
        MY_APP: 'envy',
        MEM_MI: '64',
        CPU: '1',
        MODE: 'fast',
        CFG_mode: 'fast',
        PASSWORD: 's3cret',
        MESSAGE: `hi from $(MY_NODE) ${ip}`,
      });
      expect(env['CFG_log.level']).toBe('debug');
      expect(env.ELSEWHERE_SERVICE_HOST).toBeUndefined();
    }));

  it('reports CreateContainerConfigError for a missing secret key', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('nokey', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '100'], env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'absent', key: 'k' } } }] }] }));
      await h.advance(2000);
      const s = (await h.getPod('nokey')).status!.containerStatuses![0]!;
      expect(s.state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'secret "absent" not found' });
      expect((await h.events('nokey')).map((e) => e.message)).toContain('Error: secret "absent" not found');
    }));
});

describe('volumes', () => {
  it('mounts a secret as files with items and modes, and follows updates', () =>
    withHarness(async (h) => {
      await h.cs.coreV1().secrets('default').create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { username: btoa('admin'), password: btoa('one') } });
      await h.createPod(newPod('sec', {
        volumes: [{ name: 'creds', secret: { secretName: 'db', defaultMode: 0o400, items: [{ key: 'username', path: 'user/name' }, { key: 'password', path: 'pw', mode: 0o600 }] } }],
        containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'cat /etc/creds/user/name; echo; while true; do cat /etc/creds/pw; echo; sleep 10; done'], volumeMounts: [{ name: 'creds', mountPath: '/etc/creds', readOnly: true }] }],
      }));
      await h.advance(2000);
      expect(h.kubelets[0]!.getContainerLogs('default', 'sec', 'c').split('\n').slice(0, 2)).toEqual(['admin', 'one']);
      const table = h.kubelets[0]!.volumeManager.mountTable().find((m) => m.podName === 'sec')!;
      expect(table.plugin).toBe('kubernetes.io/secret');
      expect(table.path).toMatch(/^\/var\/lib\/kubelet\/pods\/.+\/volumes\/kubernetes\.io~secret\/creds$/);
      const secret = await h.cs.coreV1().secrets('default').get('db');
      await h.cs.coreV1().secrets('default').update({ ...secret, data: { ...secret.data, password: btoa('two') } });
      await h.advance(75_000, 1000);
      expect(h.kubelets[0]!.getContainerLogs('default', 'sec', 'c')).toContain('\ntwo\n');
    }));

  it('records FailedMount for a missing config map and keeps the container creating', () =>
    withHarness(async (h) => {
      await h.createPod(newPod('nocm', { volumes: [{ name: 'cfg', configMap: { name: 'missing' } }], containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '100'], volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }] }] }));
      await h.advance(2000);
      const pod = await h.getPod('nocm');
      expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
      const ev = (await h.events('nocm')).find((e) => e.reason === 'FailedMount');
      expect(ev?.message).toBe('MountVolume.SetUp failed for volume "cfg" : configmap "missing" not found');
      expect(ev?.type).toBe('Warning');
    }));

  it('shares hostPath files on the node and projects downward API and service account tokens', () =>
    withHarness(async (h) => {
      h.kubelets[0]!.hostFs.mkdir('/data', { recursive: true });
      h.kubelets[0]!.hostFs.writeFile('/data/hello.txt', 'from the node\n');
      await h.createPod(newPod('proj', {
        restartPolicy: 'Never',
        volumes: [
          { name: 'host', hostPath: { path: '/data', type: 'Directory' } },
          { name: 'info', projected: { sources: [{ downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } }, { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } },
        ],
        containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'cat /host/hello.txt; cat /info/name; echo; cat /info/labels; echo; echo written > /host/out.txt'], volumeMounts: [{ name: 'host', mountPath: '/host' }, { name: 'info', mountPath: '/info' }] }],
      }, { app: 'proj', tier: 'x' }));
      await h.advance(2000);
      expect(h.kubelets[0]!.getContainerLogs('default', 'proj', 'c')).toBe('from the node\nproj\napp="proj"\ntier="x"\n');
      expect(h.kubelets[0]!.hostFs.readText('/data/out.txt')).toBe('written\n');
    }));
});
