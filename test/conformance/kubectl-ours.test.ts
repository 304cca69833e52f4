// Kubelab's kubectl runs the same guestbook script as the real binary, over HTTP.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKubectl } from '../../engine/kubectl/cmd/cmd.js';
import type { FileAccess } from '../../engine/kubectl/cmd/util/io.js';
import { RealClock } from '../../engine/util/clock.js';
import { startHTTPCluster, type HTTPCluster } from '../support/http-cluster.js';
import { checkStep, guestbookSteps, type KubectlResult } from './guestbook-script.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** filesUnder resolves relative paths against a folder, as a shell's working directory would. */
function filesUnder(base: string): FileAccess {
  const at = (p: string) => resolve(base, p);
  return {
    readFile: (p) => readFile(at(p), 'utf8'),
    writeFile: (p, d) => writeFile(at(p), d),
    stat: async (p) => {
      try {
        return (await stat(at(p))).isDirectory() ? 'dir' : 'file';
      } catch {
        return undefined;
      }
    },
    readDir: async (p) => (await readdir(at(p))).sort(),
  };
}

async function runOurs(cluster: HTTPCluster, args: string[]): Promise<KubectlResult> {
  let stdout = '';
  let stderr = '';
  const code = await runKubectl(['--kubeconfig', cluster.kubeconfig, ...args], {
    stdin: async () => '',
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: { HOME: cluster.dir },
    files: filesUnder(fixtures),
    clock: new RealClock(),
  });
  return { code, stdout, stderr };
}

describe("Kubelab's kubectl against Kubelab", () => {
  let cluster: HTTPCluster;
  beforeAll(async () => {
    cluster = await startHTTPCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  for (const step of guestbookSteps) {
    it(step.name, async () => {
      const result = await runOurs(cluster, step.args);
      expect(checkStep(step, result)).toEqual([]);
    });
  }
});
