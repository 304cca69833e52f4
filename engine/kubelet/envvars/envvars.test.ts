import { describe, it, expect } from 'vitest';
import { fromServices } from './envvars.js';
import { expand } from '../kubelet-pods.js';
import type { Service } from '../../api/core/v1/types.js';

const svc = (name: string, clusterIP: string, ports: { name?: string; port: number; protocol?: 'TCP' | 'UDP' }[]): Service => ({ metadata: { name, namespace: 'default' }, spec: { clusterIP, ports } });

describe('fromServices', () => {
  it('makes service and docker-link variables for every port', () => {
    const env = Object.fromEntries(fromServices([svc('redis-master', '10.254.0.20', [{ port: 6379 }, { name: 'metrics', port: 9121, protocol: 'UDP' }])]).map((e) => [e.name, e.value]));
    expect(env).toEqual({
      REDIS_MASTER_SERVICE_HOST: '10.254.0.20',
      REDIS_MASTER_SERVICE_PORT: '6379',
      REDIS_MASTER_SERVICE_PORT_METRICS: '9121',
      REDIS_MASTER_PORT: 'tcp://10.254.0.20:6379',
      REDIS_MASTER_PORT_6379_TCP: 'tcp://10.254.0.20:6379',
      REDIS_MASTER_PORT_6379_TCP_PROTO: 'tcp',
      REDIS_MASTER_PORT_6379_TCP_PORT: '6379',
      REDIS_MASTER_PORT_6379_TCP_ADDR: '10.254.0.20',
      REDIS_MASTER_PORT_9121_UDP: 'udp://10.254.0.20:9121',
      REDIS_MASTER_PORT_9121_UDP_PROTO: 'udp',
      REDIS_MASTER_PORT_9121_UDP_PORT: '9121',
      REDIS_MASTER_PORT_9121_UDP_ADDR: '10.254.0.20',
    });
  });

  it.each([
    ['headless', 'None'],
    ['unallocated', ''],
  ])('skips %s services', (_n, ip) => {
    expect(fromServices([svc('x', ip, [{ port: 80 }])])).toEqual([]);
  });
});

describe('expand', () => {
  it.each([
    ['$(A)-$(B)', 'a-b'],
    ['$(MISSING)', '$(MISSING)'],
    ['$$(A)', '$(A)'],
    ['plain', 'plain'],
  ])('%s → %s', (input, out) => {
    expect(expand(input, (n) => ({ A: 'a', B: 'b' })[n])).toBe(out);
  });
});
