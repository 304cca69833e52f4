// Table-driven checks of the create/update/status rules shared by the workload strategies.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { testContext } from './core/common/test-context.js';
import { allResources } from './all-resources.js';
import type { ResourceDefinition } from './rest/resource.js';

const byResource = new Map(allResources().map((r) => [r.resource, r] as const));
const def = (resource: string): ResourceDefinition => byResource.get(resource)!;

function obj(spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject {
  const o: KubeObject = { metadata: { name: 'x', namespace: 'default', uid: 'uid-1', annotations: { a: '1' } }, spec };
  if (status) o.status = status;
  return o;
}

const tracked: [string, Record<string, unknown>][] = [
  ['replicationcontrollers', { replicas: 0 }],
  ['deployments', {}],
  ['replicasets', { replicas: 0 }],
  ['daemonsets', { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }],
  ['statefulsets', { replicas: 0, availableReplicas: 0 }],
  ['jobs', {}],
  ['cronjobs', {}],
];

describe('workload strategies', () => {
  it.each(tracked)('%s: create clears status and sets generation 1', (resource, initial) => {
    const o = obj({ replicas: 3, template: { metadata: { labels: { app: 'x' } } } }, { replicas: 7 });
    o.metadata.generation = 9;
    def(resource).strategy.prepareForCreate(o, testContext());
    expect(o.status).toEqual(initial);
    expect(o.metadata.generation).toBe(1);
  });

  it.each(tracked)('%s: spec changes bump generation, status is kept', (resource) => {
    const ctx = testContext();
    const old = obj({ replicas: 1 }, { replicas: 1 });
    old.metadata.generation = 4;
    const same = obj({ replicas: 1 }, { replicas: 5 });
    def(resource).strategy.prepareForUpdate(same, old, ctx);
    expect(same.metadata.generation).toBe(4);
    expect(same.status).toEqual({ replicas: 1 });
    const changed = obj({ replicas: 2 });
    def(resource).strategy.prepareForUpdate(changed, old, ctx);
    expect(changed.metadata.generation).toBe(5);
  });

  it.each(tracked)('%s: status updates keep spec and generation', (resource) => {
    const ctx = testContext();
    const old = obj({ replicas: 1 }, { replicas: 1 });
    old.metadata.generation = 4;
    const next = obj({ replicas: 9 }, { replicas: 3 });
    next.metadata.generation = 100;
    def(resource).statusStrategy!.prepareForUpdate(next, old, ctx);
    expect(next.spec).toEqual({ replicas: 1 });
    expect(next.status).toEqual({ replicas: 3 });
    expect(next.metadata.generation).toBe(4);
  });

  it('deployments also bump generation when annotations change', () => {
    const old = obj({ replicas: 1 });
    old.metadata.generation = 2;
    const next = obj({ replicas: 1 });
    next.metadata.annotations = { a: '2' };
    def('deployments').strategy.prepareForUpdate(next, old, testContext());
    expect(next.metadata.generation).toBe(3);
  });

  it('jobs get a generated selector and template labels unless manualSelector', () => {
    const job = obj({ template: { metadata: { labels: { app: 'pi' } }, spec: { containers: [] } } });
    def('jobs').strategy.prepareForCreate(job, testContext());
    expect(job.spec).toMatchObject({
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'uid-1' } },
      template: {
        metadata: {
          labels: {
            app: 'pi',
            'batch.kubernetes.io/controller-uid': 'uid-1',
            'batch.kubernetes.io/job-name': 'x',
            'controller-uid': 'uid-1',
            'job-name': 'x',
          },
        },
      },
    });
    const manual = obj({ manualSelector: true, selector: { matchLabels: { app: 'pi' } }, template: { metadata: { labels: { app: 'pi' } } } });
    def('jobs').strategy.prepareForCreate(manual, testContext());
    expect(manual.spec).toMatchObject({ selector: { matchLabels: { app: 'pi' } }, template: { metadata: { labels: { app: 'pi' } } } });
  });
});

describe('other strategies', () => {
  it('namespaces start Active with the kubernetes finalizer and the name label', () => {
    const ns: KubeObject = { metadata: { name: 'dev' }, status: { phase: 'Terminating' } };
    def('namespaces').strategy.prepareForCreate(ns, testContext());
    expect(ns).toMatchObject({
      metadata: { labels: { 'kubernetes.io/metadata.name': 'dev' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    const next: KubeObject = { metadata: { name: 'dev' }, spec: { finalizers: [] } };
    def('namespaces').strategy.prepareForUpdate(next, ns, testContext());
    expect(next.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(next.status).toEqual({ phase: 'Active' });
  });

  it('nodes keep the status they register with; updates keep status', () => {
    const node: KubeObject = { metadata: { name: 'n1' }, spec: {}, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    def('nodes').strategy.prepareForCreate(node, testContext());
    expect(node.status).toEqual({ conditions: [{ type: 'Ready', status: 'True' }] });
    const next: KubeObject = { metadata: { name: 'n1' }, spec: { unschedulable: true } };
    def('nodes').strategy.prepareForUpdate(next, node, testContext());
    expect(next.status).toEqual(node.status);
  });

  it('persistent volumes start Pending with a phase transition time; claims start Pending', () => {
    const ctx = testContext();
    const pv: KubeObject = { metadata: { name: 'pv1' }, spec: {}, status: { phase: 'Bound' } };
    def('persistentvolumes').strategy.prepareForCreate(pv, ctx);
    expect(pv.status).toEqual({ phase: 'Pending', lastPhaseTransitionTime: '2026-01-01T00:00:00Z' });
    ctx.clock.step(5000);
    const bound: KubeObject = { metadata: { name: 'pv1' }, spec: {}, status: { phase: 'Bound' } };
    def('persistentvolumes').statusStrategy!.prepareForUpdate(bound, pv, ctx);
    expect(bound.status).toEqual({ phase: 'Bound', lastPhaseTransitionTime: '2026-01-01T00:00:05Z' });
    const pvc: KubeObject = { metadata: { name: 'c', namespace: 'default' }, spec: {} };
    def('persistentvolumeclaims').strategy.prepareForCreate(pvc, ctx);
    expect(pvc.status).toEqual({ phase: 'Pending' });
  });

  it('kinds without status leave the object alone', () => {
    const cm: KubeObject = { metadata: { name: 'c', namespace: 'default' }, data: { a: 'b' } };
    def('configmaps').strategy.prepareForCreate(cm, testContext());
    expect(cm).toEqual({ metadata: { name: 'c', namespace: 'default' }, data: { a: 'b' } });
  });
});

describe('resource definitions', () => {
  it.each([
    ['pods', '', '/registry/pods', ['po'], ['all'], true],
    ['services', '', '/registry/services/specs', ['svc'], ['all'], true],
    ['endpoints', '', '/registry/services/endpoints', ['ep'], [], true],
    ['replicationcontrollers', '', '/registry/controllers', ['rc'], ['all'], true],
    ['nodes', '', '/registry/minions', ['no'], [], false],
    ['namespaces', '', '/registry/namespaces', ['ns'], [], false],
    ['secrets', '', '/registry/secrets', [], [], true],
    ['configmaps', '', '/registry/configmaps', ['cm'], [], true],
    ['serviceaccounts', '', '/registry/serviceaccounts', ['sa'], [], true],
    ['events', '', '/registry/events', ['ev'], [], true],
    ['resourcequotas', '', '/registry/resourcequotas', ['quota'], [], true],
    ['limitranges', '', '/registry/limitranges', ['limits'], [], true],
    ['persistentvolumes', '', '/registry/persistentvolumes', ['pv'], [], false],
    ['persistentvolumeclaims', '', '/registry/persistentvolumeclaims', ['pvc'], [], true],
    ['deployments', 'apps', '/registry/deployments', ['deploy'], ['all'], true],
    ['replicasets', 'apps', '/registry/replicasets', ['rs'], ['all'], true],
    ['daemonsets', 'apps', '/registry/daemonsets', ['ds'], ['all'], true],
    ['statefulsets', 'apps', '/registry/statefulsets', ['sts'], ['all'], true],
    ['jobs', 'batch', '/registry/jobs', [], ['all'], true],
    ['cronjobs', 'batch', '/registry/cronjobs', ['cj'], ['all'], true],
  ])('%s', (resource, group, prefix, shortNames, categories, namespaced) => {
    const d = def(resource);
    expect(d).toMatchObject({ group, etcdPrefix: prefix, shortNames, categories, namespaced });
    expect(d.strategy.namespaceScoped).toBe(namespaced);
    expect(d.listKind).toBe(`${d.kind}List`);
    expect(d.table.columns[0]!.name).toBe(resource === 'events' ? 'Last Seen' : 'Name');
  });

  it('scale is served for rc, rs, deployments and statefulsets only', () => {
    const scalable = allResources().filter((r) => r.scale).map((r) => r.resource).sort();
    expect(scalable).toEqual(['deployments', 'replicasets', 'replicationcontrollers', 'statefulsets']);
    const d: KubeObject = { metadata: { name: 'd' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] } }, status: { replicas: 1 } };
    const scale = def('deployments').scale!;
    expect([scale.specReplicas(d), scale.statusReplicas(d), scale.selector(d)]).toEqual([2, 1, 'app=web,tier in (a,b)']);
    scale.setSpecReplicas(d, 5);
    expect(scale.specReplicas(d)).toBe(5);
    const rc: KubeObject = { metadata: { name: 'r' }, spec: { replicas: 1, selector: { tier: 'fe', app: 'guestbook' } } };
    expect(def('replicationcontrollers').scale!.selector(rc)).toBe('app=guestbook,tier=fe');
  });

  it.each([
    ['nodes', { metadata: { name: 'n1' }, spec: { unschedulable: true } }, { 'metadata.name': 'n1', 'spec.unschedulable': 'true' }],
    ['namespaces', { metadata: { name: 'dev' }, status: { phase: 'Active' } }, { 'metadata.name': 'dev', 'status.phase': 'Active', name: 'dev' }],
    ['secrets', { metadata: { name: 's', namespace: 'd' }, type: 'Opaque' }, { 'metadata.name': 's', 'metadata.namespace': 'd', type: 'Opaque' }],
    ['replicationcontrollers', { metadata: { name: 'r', namespace: 'd' }, status: { replicas: 3 } }, { 'metadata.name': 'r', 'metadata.namespace': 'd', 'status.replicas': '3' }],
    ['jobs', { metadata: { name: 'j', namespace: 'd' }, status: { succeeded: 2 } }, { 'metadata.name': 'j', 'metadata.namespace': 'd', 'status.successful': '2' }],
    ['configmaps', { metadata: { name: 'c', namespace: 'd' } }, { 'metadata.name': 'c', 'metadata.namespace': 'd' }],
    [
      'events',
      {
        metadata: { name: 'e', namespace: 'd' },
        involvedObject: { kind: 'Pod', namespace: 'd', name: 'p', uid: 'u', apiVersion: 'v1', resourceVersion: '7', fieldPath: 'spec.containers{c}' },
        reason: 'Pulled',
        source: { component: 'kubelet', host: 'n1' },
        type: 'Normal',
      },
      {
        'metadata.name': 'e',
        'metadata.namespace': 'd',
        'involvedObject.kind': 'Pod',
        'involvedObject.namespace': 'd',
        'involvedObject.name': 'p',
        'involvedObject.uid': 'u',
        'involvedObject.apiVersion': 'v1',
        'involvedObject.resourceVersion': '7',
        'involvedObject.fieldPath': 'spec.containers{c}',
        reason: 'Pulled',
        reportingComponent: '',
        source: 'kubelet',
        type: 'Normal',
      },
    ],
  ])('selectable fields of %s', (resource, o, want) => {
    expect(def(resource).selectableFields(o as KubeObject)).toEqual(want);
  });
});
