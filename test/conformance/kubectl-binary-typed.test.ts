// The real kubectl (v1.32) runs the typed-client `create` generators Kubelab's kubectl lacks: their
// bodies come as application/vnd.kubernetes.protobuf, which the API server decodes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHTTPCluster, type HTTPCluster } from '../support/http-cluster.js';
import { checkStep, typedCreateSteps, type KubectlResult } from './guestbook-script.js';

const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectlPath);

function runKubectlBinary(cluster: HTTPCluster, args: string[]): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile(kubectlPath, ['--kubeconfig', cluster.kubeconfig, ...args], { env: { PATH: process.env.PATH ?? '', HOME: cluster.dir }, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!haveKubectl)('real kubectl create generators (protobuf bodies)', () => {
  let cluster: HTTPCluster;
  beforeAll(async () => {
    cluster = await startHTTPCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  for (const step of typedCreateSteps) {
    it(step.name, async () => {
      const result = await runKubectlBinary(cluster, step.args);
      expect(checkStep(step, result)).toEqual([]);
    });
  }
});
