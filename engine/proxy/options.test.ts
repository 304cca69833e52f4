import { describe, it, expect } from 'vitest';
import { defaultProxyServerConfig, parseFlags, parseGoDuration } from './options.js';

describe('kube-proxy flags', () => {
  it.each([
    ['1s', 1000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['0', 0],
    ['1.5h', 5_400_000],
  ])('parses the duration %s', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  it('rejects bad durations as Go does', () => {
    expect(() => parseGoDuration('10')).toThrow('time: invalid duration "10"');
  });

  it('maps the documents’ and today’s flags', () => {
    const cfg = parseFlags(['--master=http://192.168.1.100:8080', '--proxy-mode', 'userspace', '--masquerade-all', '--cluster-cidr=172.17.0.0/16', '--iptables-min-sync-period=5s', '--v=2']);
    expect(cfg).toEqual({ ...defaultProxyServerConfig(), master: 'http://192.168.1.100:8080', mode: 'userspace', masqueradeAll: true, clusterCIDR: '172.17.0.0/16', minSyncPeriod: 5000 });
    expect(() => parseFlags(['--proxy-mode=ipvs'])).toThrow('invalid value "ipvs" for --proxy-mode');
    expect(() => parseFlags(['--nope'])).toThrow('unknown flag: --nope');
  });
});
