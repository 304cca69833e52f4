import { describe, it, expect } from 'vitest';
import { makeNode, makePod } from './plugins/testing.js';
import { NodeInfo } from './types.js';

const withPort = (name: string, hostPort: number) => makePod(name, {}, { nodeName: 'n', containers: [{ name: 'c', resources: { requests: { cpu: '250m' } }, ports: [{ containerPort: 80, hostPort }] }] });

describe('NodeInfo', () => {
  it('adds and removes pods by their requests, keeping the host ports of the pods still there', () => {
    const info = new NodeInfo(makeNode('n'));
    const a = makePod('a', { cpu: '500m', memory: '1Gi' }, { nodeName: 'n' });
    const b = makePod('b', {}, { nodeName: 'n' });
    info.addPod(a);
    info.addPod(b);
    info.addPod(withPort('web', 8080));
    expect(info.requested.milliCPU).toBe(750);
    // b requests nothing: scoring counts the defaults (100m, 200Mi) for it.
    expect(info.nonZeroRequested.milliCPU).toBe(500 + 100 + 250);
    expect(info.nonZeroRequested.memory).toBe(1024 ** 3 + 200 * 1024 ** 2 + 200 * 1024 ** 2);

    const generation = info.generation;
    expect(info.removePod(a)).toBe(true);
    expect(info.generation).toBeGreaterThan(generation);
    expect(info.requested.milliCPU).toBe(250);
    expect(info.requested.memory).toBe(0);
    expect(info.usedPorts.checkConflict(undefined, 'TCP', 8080)).toBe(true);

    expect(info.removePod(withPort('web', 8080))).toBe(true);
    expect(info.usedPorts.checkConflict(undefined, 'TCP', 8080)).toBe(false);
    expect(info.removePod(a)).toBe(false);
    expect(info.pods.map((p) => p.pod.metadata.name)).toEqual(['b']);
  });

  it('gives snapshots their own resource sums', () => {
    const info = new NodeInfo(makeNode('n'));
    const copy = info.snapshot();
    info.addPod(makePod('a', { cpu: '1' }, { nodeName: 'n' }));
    expect(copy.requested.milliCPU).toBe(0);
    expect(copy.pods).toHaveLength(0);
    expect(info.snapshot().requested.milliCPU).toBe(1000);
  });
});
