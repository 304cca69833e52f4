// `kubelab grade` and `kubelab lab` as commands, and grading a live cluster over HTTP through a
// kubeconfig (the path CI takes against `kubelab up` or a real cluster).
import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { gradeCommand } from '../../engine/cmd/kubelab/grade.js';
import { labCommand } from '../../engine/cmd/kubelab/lab.js';
import { grade, remoteTarget, type Lab } from '../../engine/grader/index.js';
import { RealClock } from '../../engine/util/clock.js';
import { startHTTPCluster, type HTTPCluster } from '../support/http-cluster.js';

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
}

describe('kubelab grade', () => {
  it('exits 0 with a passing submission and prints the chosen reporter', async () => {
    const { out, io: cmdIO } = io();
    expect(await gradeCommand(['services', '--submission', 'labs/services/solution', '--reporter', 'tap'], cmdIO)).toBe(0);
    expect(out.stdout).toMatch(/^TAP version 13\n1\.\.6\nok 1 - /);
    expect(out.stdout).not.toContain('not ok');
  });

  it('exits 1 when a check fails, naming it in JUnit', async () => {
    const { out, io: cmdIO } = io();
    expect(await gradeCommand(['services', '--submission', 'labs/services/tests/wrong-target-port', '--reporter', 'junit', '--timeout', '5'], cmdIO)).toBe(1);
    expect(out.stdout).toContain('failures="1"');
    expect(out.stdout).toMatch(/name="The service IP answers from inside a pod" time="[\d.]+">\n\s+<failure message="http:\/\/10\.254\.[\d.]+:8080\/: connection to 10\.254\.[\d.]+:8080 refused"/);
  });

  it('--reporter jsonl writes one line per check as soon as it is known, then the summary', async () => {
    const writes: string[] = [];
    const code = await gradeCommand(['services', '--submission', 'labs/services/solution', '--reporter', 'jsonl'], { stdout: (s) => void writes.push(s), stderr: () => {} });
    expect(code).toBe(0);
    expect(writes.every((w) => w.endsWith('\n') && !w.slice(0, -1).includes('\n'))).toBe(true);
    const lines = writes.map((w) => JSON.parse(w));
    expect(lines.map((l) => l.type)).toEqual(['result', 'result', 'result', 'result', 'result', 'result', 'summary']);
    expect(lines.at(-1)).toMatchObject({ lab: 'services', passed: true, counts: { passed: 6, failed: 0, skipped: 0 } });
  });

  it('rejects bad usage', async () => {
    const { out, io: cmdIO } = io();
    expect(await gradeCommand([], cmdIO)).toBe(2);
    expect(out.stderr).toContain('Usage: kubelab grade <lab>');
    await expect(gradeCommand(['services', '--reporter', 'xml'], cmdIO)).rejects.toThrow('invalid value "xml" for --reporter: must be one of text, json, jsonl, junit, tap');
    await expect(gradeCommand(['no-such-lab'], cmdIO)).rejects.toThrow('lab "no-such-lab" not found');
  });
});

describe('kubelab lab', () => {
  it('validates a lab: solution passes, starter fails', async () => {
    const { out, io: cmdIO } = io();
    expect(await labCommand(['validate', 'scaling'], cmdIO)).toBe(0);
    expect(out.stdout).toBe('ok   scaling: solution passes 4/4 checks; starter fails 3\n');
  });

  it('refuses an id that is not kebab-case', async () => {
    const { out, io: cmdIO } = io();
    expect(await labCommand(['new', 'My_Lab'], cmdIO)).toBe(2);
    expect(out.stderr).toContain('the lab id must be kebab-case (got "My_Lab")');
  });
});

describe('grading a cluster over HTTP with a kubeconfig', () => {
  let cluster: HTTPCluster | undefined;
  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
  });

  it('keeps the host dataplane, and its skips, for an API server without Kubelab\'s admin API', async () => {
    cluster = await startHTTPCluster();
    const writes: string[] = [];
    const code = await gradeCommand(['services', '--kubeconfig', cluster.kubeconfig, '--reporter', 'jsonl', '--timeout', '0'], { stdout: (s) => void writes.push(s), stderr: () => {} });
    expect(code).toBe(1);
    const results = Object.fromEntries(writes.map((w) => JSON.parse(w)).filter((l) => l.type === 'result').map((l) => [l.id, l]));
    expect(results['dns-name']).toMatchObject({ status: 'skipped', observed: 'cluster DNS is not reachable from outside the cluster' });
    expect(results['clusterip-answers']).toMatchObject({ status: 'skipped', observed: 'cluster IPs are not reachable from outside the cluster' });
    expect(results['nodeport-answers']).toMatchObject({ status: 'failed', observed: 'no Ready node' });
  });

  it('reads the API with the clientset and kubectl, and treats node ports as unreachable without nodes', async () => {
    cluster = await startHTTPCluster();
    const target = remoteTarget(await readFile(cluster.kubeconfig, 'utf8'), new RealClock());
    expect(target.net.inCluster).toBe(false);
    const lab: Lab = {
      id: 'remote',
      title: { en: 'Remote', 'zh-cn': '远程' },
      chapter: 'a/b',
      estimatedMinutes: 1,
      cluster: {},
      checks: [
        {
          id: 'kubernetes-service',
          name: { en: 'kubernetes service', 'zh-cn': 'kubernetes 服务' },
          hint: { en: 'h', 'zh-cn': '提示' },
          run: async (ctx) => {
            const svc = await ctx.client.coreV1().services('default').get('kubernetes');
            const got = await ctx.kubectl(['get', 'svc', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP}']);
            return { passed: got.stdout === svc.spec?.clusterIP, observed: `${got.stdout} via kubectl, ${svc.spec?.clusterIP} via the API` };
          },
        },
        {
          id: 'nodes',
          name: { en: 'nodes', 'zh-cn': '节点' },
          hint: { en: 'h', 'zh-cn': '提示' },
          run: async (ctx) => ({ passed: (await ctx.nodeAddresses()).length > 0, observed: `${(await ctx.nodeAddresses()).length} Ready nodes` }),
        },
      ],
    };
    const report = await grade(lab, target, { timeoutMs: 0 });
    expect(report.results.map((r) => [r.id, r.status, r.observed])).toEqual([
      ['kubernetes-service', 'passed', '10.254.0.1 via kubectl, 10.254.0.1 via the API'],
      ['nodes', 'failed', '0 Ready nodes'],
    ]);
  });
});
