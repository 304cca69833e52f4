// What a container sees: service environment variables (only for services that existed when the
// pod started) and a secret both as mounted files and as an environment variable, seen with
// `kubectl exec`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Scenario } from './harness.js';

const redisMaster = `apiVersion: v1
kind: Service
metadata:
  name: redis-master
spec:
  selector:
    app: redis
  ports:
    - port: 6379
      targetPort: 6379
`;

const sleeper = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: sh
      image: busybox:1.36
      command: ["sleep", "3600"]
${extra}`;

/** envOf parses `env` output into a map. */
function envOf(out: string): Record<string, string> {
  return Object.fromEntries(out.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('the environment of a container', () => {
  let s: Scenario;
  beforeEach(async () => {
    s = await Scenario.start();
  });
  afterEach(async () => {
    await s.stop();
  });

  it('has REDIS_MASTER_SERVICE_HOST and the docker-link variables only in pods created after the service', async () => {
    await s.apply('before.yaml', sleeper('before'));
    await s.running('default', '', 1);
    await s.apply('svc.yaml', redisMaster);
    await s.apply('after.yaml', sleeper('after'));
    const pods = await s.running('default', '', 2);
    const ip = (await s.client.coreV1().services('default').get('redis-master')).spec!.clusterIP!;
    const get = (name: string) => pods.find((p) => p.metadata.name === name)!;

    const after = await s.exec(get('after'), ['env']);
    expect(after.code).toBe(0);
    const env = envOf(after.stdout);
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
    });
    expect(env.HOSTNAME).toBe('after');
    // The runtime, asked directly on the node, gives the same environment.
    expect(envOf((await s.runtimeExec(get('after'), ['env'])).stdout)).toEqual(env);

    const before = envOf((await s.exec(get('before'), ['env'])).stdout);
    expect(Object.keys(before).filter((k) => k.startsWith('REDIS_MASTER'))).toEqual([]);
    expect(before.KUBERNETES_SERVICE_HOST).toBe('10.254.0.1');
    // The shell expands it too, as `kubectl exec after -- sh -c 'echo $REDIS_MASTER_SERVICE_HOST'` would.
    expect((await s.exec(get('after'), ['sh', '-c', 'echo $REDIS_MASTER_SERVICE_HOST:$REDIS_MASTER_SERVICE_PORT'])).stdout).toBe(`${ip}:6379\n`);
  });

  it('mounts a secret as files and passes a key as an environment variable', async () => {
    expect(await s.ok('create', 'secret', 'generic', 'db-pass', '--from-literal=username=admin', '--from-literal=password=s3cr3t!')).toBe('secret/db-pass created\n');
    await s.apply('pod.yaml', sleeper('app', `      env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: db-pass
              key: password
      volumeMounts:
        - name: creds
          mountPath: /etc/creds
          readOnly: true
  volumes:
    - name: creds
      secret:
        secretName: db-pass
`));
    const [pod] = await s.running('default', '', 1);
    const ls = await s.exec(pod!, ['ls', '/etc/creds']);
    expect(ls.stdout.split(/\s+/).filter(Boolean).sort()).toEqual(['password', 'username']);
    expect((await s.exec(pod!, ['cat', '/etc/creds/username'])).stdout).toBe('admin');
    expect((await s.exec(pod!, ['cat', '/etc/creds/password'])).stdout).toBe('s3cr3t!');
    expect((await s.exec(pod!, ['sh', '-c', 'echo "$DB_PASSWORD"'])).stdout).toBe('s3cr3t!\n');
    // The volume is read-only for the container.
    const write = await s.exec(pod!, ['sh', '-c', 'echo x > /etc/creds/password']);
    expect(write.code).not.toBe(0);
    expect(write.stderr).toContain('Read-only file system');
    expect(write.stderr).toMatch(/command terminated with exit code [1-9]\d*\n$/);
  });
});
