// Namespace policy and discovery: a LimitRange fills in requests and limits, a ResourceQuota turns
// away an over-quota pod with the API server's 403, and pods find services by DNS name from their
// own namespace and from another.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/api/core/v1/types.js';
import { StatusError } from '../../engine/apimachinery/api/errors/errors.js';
import { Scenario } from './harness.js';

const policy = `apiVersion: v1
kind: Namespace
metadata:
  name: quota-demo
---
apiVersion: v1
kind: LimitRange
metadata:
  name: cpu-defaults
  namespace: quota-demo
spec:
  limits:
    - type: Container
      defaultRequest:
        cpu: 250m
      default:
        cpu: 500m
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
  namespace: quota-demo
spec:
  hard:
    requests.cpu: "1"
    limits.cpu: "4"
    pods: "4"
`;

const pod = (name: string, cpu?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: quota-demo
spec:
  containers:
    - name: nginx
      image: nginx:1.11.9
${cpu ? `      resources:\n        requests:\n          cpu: "${cpu}"\n        limits:\n          cpu: "${cpu}"\n` : ''}`;

describe('quota and DNS', () => {
  let s: Scenario;
  beforeEach(async () => {
    s = await Scenario.start();
  });
  afterEach(async () => {
    await s.stop();
  });

  it('a LimitRange defaults requests and limits; a ResourceQuota rejects an over-quota pod with 403 Forbidden', async () => {
    await s.apply('policy.yaml', policy);
    s.files['/m/small.yaml'] = pod('small');
    expect(await s.ok('create', '-f', '/m/small.yaml')).toBe('pod/small created\n');
    const small = await s.client.coreV1().pods('quota-demo').get('small');
    expect(small.spec!.containers[0]!.resources).toEqual({ requests: { cpu: '250m' }, limits: { cpu: '500m' } });
    expect(small.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu request for container nginx; cpu limit for container nginx');
    await s.waitFor('quota usage', async () => (await s.client.coreV1().resourceQuotas('quota-demo').get('compute')).status?.used?.['requests.cpu'] === '250m', 30);
    const used = (await s.client.coreV1().resourceQuotas('quota-demo').get('compute')).status!.used;
    expect(used).toEqual({ 'requests.cpu': '250m', 'limits.cpu': '500m', pods: '1' });

    const message = 'pods "big" is forbidden: exceeded quota: compute, requested: requests.cpu=2, used: requests.cpu=250m, limited: requests.cpu=1';
    s.files['/m/big.yaml'] = pod('big', '2');
    const r = await s.kubectl('create', '-f', '/m/big.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error from server (Forbidden): error when creating "/m/big.yaml": ${message}\n`);
    const err = await s.client.coreV1().pods('quota-demo').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.11.9', resources: { requests: { cpu: '2' }, limits: { cpu: '2' } } }] } } as Pod).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).status).toMatchObject({ code: 403, reason: 'Forbidden', message, details: { name: 'big', kind: 'pods' } });

    // What fits is still admitted, and the quota shows it.
    s.files['/m/fits.yaml'] = pod('fits', '750m');
    expect(await s.ok('create', '-f', '/m/fits.yaml')).toBe('pod/fits created\n');
    await s.waitFor('quota usage', async () => (await s.client.coreV1().resourceQuotas('quota-demo').get('compute')).status?.used?.['requests.cpu'] === '1', 30);
    const described = await s.ok('describe', 'quota', 'compute', '-n', 'quota-demo');
    expect(described).toBe('Name:         compute\nNamespace:    quota-demo\nResource      Used   Hard\n--------      ----   ----\nlimits.cpu    1250m  4\npods          2      4\nrequests.cpu  1      1\n');
  });

  it('nslookup finds redis-master from its namespace and redis-master.other from another', async () => {
    await s.apply('dns.yaml', `apiVersion: v1
kind: Namespace
metadata:
  name: other
---
apiVersion: v1
kind: Service
metadata:
  name: redis-master
  namespace: other
spec:
  selector:
    app: redis
  ports:
    - port: 6379
---
apiVersion: v1
kind: Service
metadata:
  name: redis-master
  namespace: default
spec:
  selector:
    app: redis
  ports:
    - port: 6379
---
apiVersion: v1
kind: Pod
metadata:
  name: dns-test
  namespace: other
spec:
  containers:
    - name: sh
      image: busybox:1.36
      command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: dns-test
  namespace: default
spec:
  containers:
    - name: sh
      image: busybox:1.36
      command: ["sleep", "3600"]
`);
    const [inOther] = await s.running('other', '', 1);
    const [inDefault] = await s.running('default', '', 1);
    const ipOther = (await s.client.coreV1().services('other').get('redis-master')).spec!.clusterIP!;
    const ipDefault = (await s.client.coreV1().services('default').get('redis-master')).spec!.clusterIP!;
    expect(ipOther).not.toBe(ipDefault);

    const same = await s.exec(inOther!, ['nslookup', 'redis-master']);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('Server:\t\t10.254.0.10\nAddress:\t10.254.0.10:53\n');
    expect(same.stdout).toContain(`Name:\tredis-master.other.svc.cluster.local\nAddress: ${ipOther}\n`);

    const across = await s.exec(inDefault!, ['nslookup', 'redis-master.other']);
    expect(across.code).toBe(0);
    expect(across.stdout).toContain(`Name:\tredis-master.other.svc.cluster.local\nAddress: ${ipOther}\n`);
    // Its own namespace's short name is the other service.
    expect((await s.exec(inDefault!, ['nslookup', 'redis-master'])).stdout).toContain(`Name:\tredis-master.default.svc.cluster.local\nAddress: ${ipDefault}\n`);

    const missing = await s.exec(inDefault!, ['nslookup', 'redis-slave']);
    expect(missing.code).toBe(1);
    expect(missing.stdout + missing.stderr).toContain("** server can't find redis-slave");
  });
});
