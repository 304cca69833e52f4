import { describe, it, expect } from 'vitest';
import { parseDuration, parseOptions } from './kubelet.js';

describe('kubelet flags', () => {
  it.each([
    ['10s', 10_000],
    ['1m', 60_000],
    ['1m30s', 90_000],
    ['500ms', 500],
  ])('parseDuration(%s) = %d', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it('rejects bad durations', () => expect(() => parseDuration('10x')).toThrow('invalid duration "10x"'));

  it('maps flags to options', () => {
    expect(parseOptions(['--hostname-override', 'n1', '--register-node=false', '--node-labels=zone=a,disk=ssd', '--node-status-update-frequency=4s', '--cluster-dns=10.0.0.10', '--max-pods=20', '--cpu', '8'])).toEqual({
      nodeName: 'n1',
      registerNode: false,
      nodeLabels: { zone: 'a', disk: 'ssd' },
      nodeStatusUpdateFrequency: 4000,
      clusterDNS: ['10.0.0.10'],
      capacity: { pods: '20', cpu: '8' },
    });
  });
});
