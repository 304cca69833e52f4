// Aggregated discovery: the real kubectl (v1.32) learns every resource from /api and /apis alone.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHTTPCluster, type HTTPCluster } from '../support/http-cluster.js';

const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectlPath);
const accept132 =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('aggregated discovery over HTTP', () => {
  let cluster: HTTPCluster;
  beforeAll(async () => {
    cluster = await startHTTPCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it.each([
    ['/api', undefined],
    ['/apis', 'apps'],
  ])('%s answers an APIGroupDiscoveryList when asked', async (path, firstGroup) => {
    const res = await fetch(`${cluster.apiURL}${path}`, { headers: { Accept: accept132 } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const doc = (await res.json()) as { kind: string; items: { metadata: { name?: string } }[] };
    expect(doc.kind).toBe('APIGroupDiscoveryList');
    expect(doc.items[0]!.metadata.name).toBe(firstGroup);
  });

  it('keeps the legacy documents for plain JSON', async () => {
    const res = await fetch(`${cluster.apiURL}/api`, { headers: { Accept: 'application/json' } });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(((await res.json()) as { kind: string }).kind).toBe('APIVersions');
  });

  it.skipIf(!haveKubectl)('kubectl api-resources needs only /api and /apis', async () => {
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile(
        kubectlPath,
        ['--kubeconfig', cluster.kubeconfig, 'api-resources', '-v=6'],
        { env: { PATH: process.env.PATH ?? '', HOME: cluster.dir }, timeout: 30_000 },
        (err, out, errOut) => (err ? reject(err) : resolve({ stdout: out, stderr: errOut })),
      ),
    );
    const gets = [...stderr.matchAll(/GET https?:\/\/[^/\s]+(\/[^?\s]*)\S* 200/g)].map((m) => m[1]);
    expect(gets).toEqual(['/api', '/apis']);
    expect(stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(stdout).toMatch(/^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
  });
});
