import { describe, expect, it } from 'vitest';
import { StatusError } from '../../../../apimachinery/api/errors/errors.js';
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import { testContext } from '../common/test-context.js';
import { rebuildAllocations } from './rebuild-allocations.js';
import { StatusStrategy, Strategy } from './strategy.js';

function svc(spec: Record<string, unknown>, name = 'web'): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { ...spec }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } };
}

function create(obj: KubeObject, ctx = testContext()): KubeObject {
  Strategy.prepareForCreate(obj, ctx);
  Strategy.beforeCreate!(obj, ctx);
  return obj;
}

function errorOf(fn: () => void): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

const port80 = { name: 'http', port: 80, protocol: 'TCP', targetPort: 80 };

describe('service strategy: create', () => {
  it('clears status and allocates the next cluster IP', () => {
    const ctx = testContext();
    const s = create(svc({ type: 'ClusterIP', ports: [port80] }), ctx);
    expect(s.status).toEqual({ loadBalancer: {} });
    expect(s.spec).toMatchObject({ clusterIP: '10.254.0.1', clusterIPs: ['10.254.0.1'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    expect(ctx.ips.has('10.254.0.1')).toBe(true);
  });

  it('keeps a requested in-range IP and headless None', () => {
    const ctx = testContext();
    expect(create(svc({ clusterIP: '10.254.0.10', ports: [port80] }), ctx).spec).toMatchObject({ clusterIPs: ['10.254.0.10'] });
    const headless = create(svc({ clusterIP: 'None', ports: [port80] }, 'h'), ctx);
    expect(headless.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'] });
    expect(ctx.ips.used()).toBe(1);
  });

  it('rejects an IP outside the range with the v1.32 message', () => {
    const err = errorOf(() => create(svc({ clusterIP: '10.0.0.5', ports: [port80] })));
    expect(err.code).toBe(422);
    expect(err.message).toBe(
      'Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.254.0.0/16',
    );
    expect(err.status.details?.causes?.[0]?.field).toBe('spec.clusterIPs');
  });

  it('rejects a taken IP', () => {
    const ctx = testContext();
    create(svc({ clusterIP: '10.254.0.10', ports: [port80] }), ctx);
    const err = errorOf(() => create(svc({ clusterIP: '10.254.0.10', ports: [port80] }, 'b'), ctx));
    expect(err.message).toContain('failed to allocate IP 10.254.0.10: provided IP is already allocated');
  });

  it('allocates node ports for NodePort and LoadBalancer services', () => {
    const ctx = testContext();
    const s = create(svc({ type: 'NodePort', ports: [port80, { name: 'https', port: 443, protocol: 'TCP' }] }), ctx);
    expect((s.spec as { ports: { nodePort: number }[] }).ports.map((p) => p.nodePort)).toEqual([30000, 30001]);
    const lb = create(svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ ...port80, nodePort: 30080 }] }, 'lb'), ctx);
    expect(lb.spec).toMatchObject({ ports: [{ nodePort: 30080 }], healthCheckNodePort: 30002 });
  });

  it.each([
    [80, 'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767'],
    [30001, 'spec.ports[0].nodePort: Invalid value: 30001: provided port is already allocated'],
  ])('rejects nodePort %i and rolls back the cluster IP', (nodePort, message) => {
    const ctx = testContext();
    ctx.ports.allocate(30001);
    const err = errorOf(() => create(svc({ type: 'NodePort', ports: [{ ...port80, nodePort }] }), ctx));
    expect(err.message).toBe(`Service "web" is invalid: ${message}`);
    expect(ctx.ips.used()).toBe(0);
  });

  it('allocates nothing for ExternalName', () => {
    const ctx = testContext();
    const s = create(svc({ type: 'ExternalName', externalName: 'example.com' }), ctx);
    expect((s.spec as { clusterIP?: string }).clusterIP).toBeUndefined();
    expect(ctx.ips.used()).toBe(0);
  });
});

describe('service strategy: update and delete', () => {
  it('keeps status, patches omitted IP and node ports back in, releases on type change', () => {
    const ctx = testContext();
    const old = create(svc({ type: 'NodePort', ports: [port80] }), ctx);
    old.status = { loadBalancer: { ingress: [{ ip: '9.9.9.9' }] } };
    const next = svc({ type: 'NodePort', ports: [port80] });
    Strategy.prepareForUpdate(next, old, ctx);
    expect(next.status).toEqual(old.status);
    expect(next.spec).toMatchObject({ clusterIP: '10.254.0.1', ports: [{ nodePort: 30000 }] });
    Strategy.beforeUpdate!(next, old, ctx);
    expect(ctx.ports.has(30000)).toBe(true);

    const toClusterIP = svc({ type: 'ClusterIP', ports: [port80] });
    Strategy.prepareForUpdate(toClusterIP, next, ctx);
    Strategy.beforeUpdate!(toClusterIP, next, ctx);
    expect(ctx.ports.has(30000)).toBe(false);
    expect(ctx.ips.has('10.254.0.1')).toBe(true);

    Strategy.afterDelete!(toClusterIP, ctx);
    expect(ctx.ips.used()).toBe(0);
  });

  it('status strategy keeps the spec', () => {
    const ctx = testContext();
    const old = create(svc({ ports: [port80] }), ctx);
    const next = svc({ ports: [], clusterIP: '10.254.9.9' });
    next.status = { loadBalancer: { ingress: [{ ip: '5.6.7.8' }] } };
    StatusStrategy.prepareForUpdate(next, old, ctx);
    expect(next.spec).toEqual(old.spec);
    expect(next.status).toEqual({ loadBalancer: { ingress: [{ ip: '5.6.7.8' }] } });
  });
});

describe('rebuildAllocations', () => {
  it('marks existing IPs and node ports and warns about strays', () => {
    const ctx = testContext();
    const a = svc({ clusterIP: '10.254.0.1', clusterIPs: ['10.254.0.1'], type: 'NodePort', ports: [{ ...port80, nodePort: 30080 }] }, 'a');
    const b = svc({ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], ports: [port80] }, 'b');
    const warnings = rebuildAllocations([a, b], ctx.ips, ctx.ports);
    expect(ctx.ips.has('10.254.0.1')).toBe(true);
    expect(ctx.ports.has(30080)).toBe(true);
    expect(warnings).toEqual(['the cluster IP 10.0.0.1 for service default/b is not within the service CIDR 10.254.0.0/16; please recreate']);
  });
});
