// The real kubectl (v1.32) runs the guestbook script against Kubelab's API server over HTTP.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHTTPCluster, type HTTPCluster } from '../support/http-cluster.js';
import { checkStep, guestbookSteps, type KubectlResult } from './guestbook-script.js';

const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectlPath);
if (!haveKubectl) console.log(`skipping the real-kubectl conformance script: no kubectl binary at ${kubectlPath}`);

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

function runKubectlBinary(cluster: HTTPCluster, args: string[]): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile(
      kubectlPath,
      ['--kubeconfig', cluster.kubeconfig, ...args],
      { cwd: fixtures, env: { PATH: process.env.PATH ?? '', HOME: cluster.dir }, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe.skipIf(!haveKubectl)('real kubectl against Kubelab', () => {
  let cluster: HTTPCluster;
  beforeAll(async () => {
    cluster = await startHTTPCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  for (const step of guestbookSteps) {
    it(step.name, async () => {
      const result = await runKubectlBinary(cluster, step.args);
      expect(checkStep(step, result)).toEqual([]);
    });
  }
});
