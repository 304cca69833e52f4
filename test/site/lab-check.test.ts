// The Check button's engine side: a guestbook lab booted from the lab's own starter files, the
// reference solution applied with kubectl in the lab's shell, then graded in both languages through
// ClusterHost.grade — every check passes; scaled to 2 frontends, the frontend check fails with its hint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { MemoryLogStorage } from '../../engine/etcd/wal/memory-storage.js';
import type { CheckResult } from '../../engine/grader/index.js';
import { VirtualClock } from '../../engine/util/clock.js';
import { labs } from '../../labs/index.js';
import { ClusterHost } from '../../src/lab/runtime/worker/cluster-host.js';
import { starterFiles } from '../../src/lab/starter-files.js';
import { labPassed } from '../../src/lab/ui/check-panel.js';

const solution = import.meta.glob<string>('../../labs/guestbook/solution/*.yaml', { query: '?raw', import: 'default', eager: true });
const lab = labs.guestbook!;

describe('Check on a live guestbook lab', () => {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  let host: ClusterHost;

  async function run(line: string) {
    let out = '';
    const code = await advanceUntil(clock, host.run(line, { stdout: (s) => void (out += s), stderr: (s) => void (out += s) }, new AbortController().signal), 25);
    return { code, out };
  }

  beforeAll(async () => {
    host = new ClusterHost({
      clock,
      openStorage: async () => new MemoryLogStorage(),
      destroyStorage: async () => {},
      files: await starterFiles('guestbook'),
      cluster: lab.cluster,
    });
    await advanceUntil(clock, host.boot(() => {}), 25);
  }, 120_000);
  afterAll(() => advanceUntil(clock, host.close()));

  it('starts with the starter files in the home folder, which kubectl -f reads', async () => {
    expect(host.listFiles()).toEqual(expect.arrayContaining(['frontend-controller.yaml', 'redis-master-controller.yaml', 'redis-master-service.yaml']));
    const applied = await run('kubectl apply -f redis-master-controller.yaml -f redis-master-service.yaml');
    expect(applied.out).toContain('replicationcontroller/redis-master created');
    expect(applied.code).toBe(0);
  });

  it('fails the untouched starter with hints in the page language', async () => {
    const report = await advanceUntil(clock, host.grade(lab, 'zh-cn', () => {}, 1_000), 100);
    expect(labPassed(report)).toBe(false);
    const slave = report.results.find((r) => r.id === 'redis-slave-controller')!;
    expect(slave.status).toBe('failed');
    expect(slave.hint).toBe(lab.checks.find((c) => c.id === 'redis-slave-controller')!.hint['zh-cn']);
  });

  it('passes every check once the solution is applied, streaming each result', async () => {
    for (const [path, text] of Object.entries(solution)) {
      const file = `solution/${path.split('/').pop()}`;
      host.writeFile(file, text);
      expect((await run(`kubectl apply -f ${file}`)).code).toBe(0);
    }
    const streamed: CheckResult[] = [];
    // The pods need cluster time to pull and start; the grader retries within its deadline.
    const report = await advanceUntil(clock, host.grade(lab, 'en', (r) => streamed.push(r), 120_000), 100);
    expect(report.results.map((r) => `${r.id}:${r.status}:${r.observed}`).filter((s) => !s.includes(':passed:'))).toEqual([]);
    expect(streamed.map((r) => r.id)).toEqual(lab.checks.map((c) => c.id));
    expect(labPassed(report)).toBe(true);
  });

  it('fails the frontend check with its hint when only 2 frontends are wanted', async () => {
    expect((await run('kubectl scale rc frontend --replicas=2')).out).toContain('scaled');
    const report = await advanceUntil(clock, host.grade(lab, 'en', () => {}, 2_000), 100);
    const failed = report.results.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.id)).toContain('frontend-controller');
    const frontend = failed.find((r) => r.id === 'frontend-controller')!;
    expect(frontend.observed).toContain('wants 3 replicas');
    expect(frontend.hint).toBe(lab.checks.find((c) => c.id === 'frontend-controller')!.hint.en);
    expect(labPassed(report)).toBe(false);
  });
});
