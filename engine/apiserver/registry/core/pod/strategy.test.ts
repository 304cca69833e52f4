import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import { testContext } from '../common/test-context.js';
import { getPodQOS, quantityValue } from './qos.js';
import { pods } from './storage.js';
import { checkGracefulDelete, StatusStrategy, Strategy } from './strategy.js';

function pod(spec: Record<string, unknown> = {}, status?: Record<string, unknown>): KubeObject {
  const obj: KubeObject = {
    metadata: { name: 'p', namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'rc', uid: 'u1' }] },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  };
  if (status) obj.status = status;
  return obj;
}

describe('pod strategy', () => {
  it('prepareForCreate replaces status with Pending and the QoS class', () => {
    const p = pod({}, { phase: 'Running', podIP: '1.2.3.4' });
    Strategy.prepareForCreate(p, testContext());
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('prepareForUpdate keeps status; status updates keep spec and owner references', () => {
    const ctx = testContext();
    const old = pod({ nodeName: 'n1' }, { phase: 'Running' });
    const next = pod({ nodeName: 'n1', activeDeadlineSeconds: 5 }, { phase: 'Failed' });
    Strategy.prepareForUpdate(next, old, ctx);
    expect(next.status).toEqual({ phase: 'Running' });
    expect((next.spec as { activeDeadlineSeconds?: number }).activeDeadlineSeconds).toBe(5);

    const statusUpdate = pod({ nodeName: 'elsewhere' }, { phase: 'Succeeded' });
    statusUpdate.metadata.ownerReferences = [];
    StatusStrategy.prepareForUpdate(statusUpdate, old, ctx);
    expect(statusUpdate.spec).toEqual(old.spec);
    expect(statusUpdate.metadata.ownerReferences).toEqual(old.metadata.ownerReferences);
    expect(statusUpdate.status).toEqual({ phase: 'Succeeded' });
  });

  it.each([
    ['scheduled pod uses its terminationGracePeriodSeconds', { nodeName: 'n1', terminationGracePeriodSeconds: 45 }, { phase: 'Running' }, {}, 45],
    ['scheduled pod without a period defaults to 30', { nodeName: 'n1' }, { phase: 'Running' }, {}, 30],
    ['an explicit gracePeriodSeconds wins', { nodeName: 'n1', terminationGracePeriodSeconds: 45 }, { phase: 'Running' }, { gracePeriodSeconds: 5 }, 5],
    ['an unscheduled pod goes at once', {}, { phase: 'Pending' }, { gracePeriodSeconds: 10 }, 0],
    ['a succeeded pod goes at once', { nodeName: 'n1' }, { phase: 'Succeeded' }, {}, 0],
    ['a failed pod goes at once', { nodeName: 'n1' }, { phase: 'Failed' }, {}, 0],
  ])('checkGracefulDelete: %s', (_name, spec, status, options, want) => {
    expect(checkGracefulDelete(pod(spec, status), options)).toBe(want);
    expect(Strategy.checkGracefulDelete!(pod(spec, status), options)).toBe(want);
  });

  it('selectable fields', () => {
    const p = pod({ nodeName: 'n1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default' }, {
      phase: 'Running',
      podIPs: [{ ip: '10.244.1.5' }],
      nominatedNodeName: 'n2',
    });
    expect(pods.selectableFields(p)).toEqual({
      'metadata.name': 'p',
      'metadata.namespace': 'default',
      'spec.nodeName': 'n1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.244.1.5',
      'status.nominatedNodeName': 'n2',
    });
    expect(pods).toMatchObject({ shortNames: ['po'], categories: ['all'], etcdPrefix: '/registry/pods' });
  });
});

describe('getPodQOS', () => {
  const withResources = (...rs: Record<string, unknown>[]) =>
    ({ metadata: {}, spec: { containers: rs.map((resources, i) => ({ name: `c${i}`, image: 'x', resources })) } }) as never;
  it.each([
    ['no resources', [{}], 'BestEffort'],
    ['requests only', [{ requests: { cpu: '100m' } }], 'Burstable'],
    ['limits equal requests', [{ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '0.1', memory: '128Mi' } }], 'Guaranteed'],
    ['limits without cpu', [{ limits: { memory: '128Mi' }, requests: { memory: '128Mi' } }], 'Burstable'],
    ['one container unlimited', [{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, {}], 'Burstable'],
  ])('%s', (_name, resources, want) => {
    expect(getPodQOS(withResources(...(resources as Record<string, unknown>[])))).toBe(want);
  });
  it.each([
    ['100m', 0.1],
    ['1Gi', 2 ** 30],
    ['1e3', 1000],
    ['2', 2],
  ])('quantityValue(%s)', (q, v) => expect(quantityValue(q)).toBeCloseTo(v));
});
