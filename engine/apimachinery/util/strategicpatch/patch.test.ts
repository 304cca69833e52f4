import { describe, it, expect } from 'vitest';
import { ConflictError, createThreeWayMergePatch, createTwoWayMergePatch, strategicMergePatch, requireKeyUnchanged } from './patch.js';
import { emptyPatchMeta, type PatchMeta } from './meta.js';
import { deploymentMeta, podMeta, serviceMeta } from './testing/metas.js';

const pod = (containers: unknown[], extra: Record<string, unknown> = {}) => ({ spec: { containers, ...extra } });

describe('strategicMergePatch', () => {
  const cases: { name: string; meta?: PatchMeta; original: unknown; patch: unknown; want: unknown }[] = [
    {
      name: 'merges containers by name',
      original: pod([{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y:1' }]),
      patch: pod([{ name: 'b', image: 'y:2' }]),
      want: pod([{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y:2' }]),
    },
    {
      name: 'new list items go before server-only items without an order directive',
      original: pod([{ name: 'a' }, { name: 'b' }]),
      patch: pod([{ name: 'c' }]),
      want: pod([{ name: 'c' }, { name: 'a' }, { name: 'b' }]),
    },
    {
      name: '$setElementOrder places new items',
      original: pod([{ name: 'a' }, { name: 'b' }]),
      patch: { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }, { name: 'c' }], containers: [{ name: 'c' }] } },
      want: pod([{ name: 'a' }, { name: 'b' }, { name: 'c' }]),
    },
    {
      name: '$setElementOrder reorders',
      original: pod([{ name: 'a' }, { name: 'b' }]),
      patch: { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } },
      want: pod([{ name: 'b' }, { name: 'a' }]),
    },
    {
      name: 'nested merge lists (ports by containerPort, env by name)',
      original: pod([{ name: 'web', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] }]),
      patch: pod([{ name: 'web', ports: [{ containerPort: 443 }], env: [{ name: 'A', value: '2' }] }]),
      want: pod([{ name: 'web', ports: [{ containerPort: 443 }, { containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '2' }] }]),
    },
    {
      name: '$patch: delete removes a list item',
      original: pod([{ name: 'a' }, { name: 'b' }]),
      patch: pod([{ name: 'a', $patch: 'delete' }]),
      want: pod([{ name: 'b' }]),
    },
    {
      name: '$patch: replace replaces a merge list',
      original: pod([{ name: 'a' }, { name: 'b' }]),
      patch: pod([{ name: 'c', image: 'z' }, { $patch: 'replace' }]),
      want: pod([{ name: 'c', image: 'z' }]),
    },
    {
      name: '$patch: replace replaces a map',
      original: { metadata: { labels: { a: '1', b: '2' } } },
      patch: { metadata: { labels: { c: '3', $patch: 'replace' } } },
      want: { metadata: { labels: { c: '3' } } },
    },
    {
      name: '$patch: delete empties a map',
      original: { metadata: { labels: { a: '1' } }, spec: {} },
      patch: { metadata: { labels: { $patch: 'delete' } } },
      want: { metadata: { labels: {} }, spec: {} },
    },
    {
      name: 'null deletes a field and unmatched nulls are dropped',
      original: { metadata: { labels: { a: '1', b: '2' } } },
      patch: { metadata: { labels: { a: null, z: null } } },
      want: { metadata: { labels: { b: '2' } } },
    },
    {
      name: 'non-merge lists are replaced',
      original: pod([], { tolerations: [{ key: 'a' }, { key: 'b' }] }),
      patch: { spec: { tolerations: [{ key: 'c' }] } },
      want: pod([], { tolerations: [{ key: 'c' }] }),
    },
    {
      name: 'merge lists of primitives are set-merged',
      original: { metadata: { finalizers: ['a', 'b'] } },
      patch: { metadata: { finalizers: ['b', 'c'] } },
      want: { metadata: { finalizers: ['a', 'b', 'c'] } },
    },
    {
      name: '$deleteFromPrimitiveList removes primitives',
      original: { metadata: { finalizers: ['a', 'b', 'c'] } },
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
      want: { metadata: { finalizers: ['a', 'c'] } },
    },
    {
      name: '$deleteFromPrimitiveList on an absent list does nothing',
      original: { metadata: {} },
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
      want: { metadata: {} },
    },
    {
      name: '$retainKeys clears fields not listed',
      meta: deploymentMeta,
      original: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
      patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
      want: { spec: { strategy: { type: 'Recreate' } } },
    },
    {
      name: '$retainKeys in merged list items (volumes)',
      original: pod([], { volumes: [{ name: 'v', emptyDir: {} }] }),
      patch: { spec: { volumes: [{ name: 'v', hostPath: { path: '/x' }, $retainKeys: ['hostPath', 'name'] }] } },
      want: pod([], { volumes: [{ name: 'v', hostPath: { path: '/x' } }] }),
    },
    {
      name: 'service ports merge by port',
      meta: serviceMeta,
      original: { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } },
      patch: { spec: { ports: [{ port: 80, nodePort: 30001 }] } },
      want: { spec: { ports: [{ port: 80, targetPort: 8080, nodePort: 30001 }, { port: 443 }] } },
    },
    {
      name: 'empty meta falls back to merge-patch semantics',
      meta: emptyPatchMeta,
      original: { spec: { items: [{ name: 'a' }], x: 1 } },
      patch: { spec: { items: [{ name: 'b' }] } },
      want: { spec: { items: [{ name: 'b' }], x: 1 } },
    },
    {
      name: 'type change replaces',
      original: { spec: { x: { a: 1 } } },
      patch: { spec: { x: 'str' } },
      want: { spec: { x: 'str' } },
    },
    {
      name: 'new fields lose nested nulls and directives',
      original: {},
      patch: { spec: { containers: [{ name: 'a', image: null }], nodeSelector: { a: 'b', c: null } } },
      want: { spec: { containers: [{ name: 'a' }], nodeSelector: { a: 'b' } } },
    },
  ];
  it.each(cases)('$name', ({ meta, original, patch, want }) => {
    const before = JSON.stringify(original);
    expect(strategicMergePatch(original, patch, meta ?? podMeta)).toEqual(want);
    expect(JSON.stringify(original)).toBe(before);
  });

  const errors: { name: string; original: unknown; patch: unknown; message: string }[] = [
    { name: 'missing merge key', original: pod([{ name: 'a' }]), patch: pod([{ image: 'x' }]), message: 'map: map[image:x] does not contain declared merge key: name' },
    { name: '$patch: merge in a list', original: pod([{ name: 'a' }]), patch: pod([{ $patch: 'merge' }]), message: 'merging lists cannot yet be specified in the patch' },
    { name: 'unknown list directive', original: pod([{ name: 'a' }]), patch: pod([{ name: 'a', $patch: 'frob' }]), message: 'unknown patch type: frob in map: map[$patch:frob name:a]' },
    { name: 'unknown map directive', original: { spec: {} }, patch: { spec: { $patch: 'merge' } }, message: 'unknown patch type: merge in map: map[$patch:merge]' },
    {
      name: '$retainKeys missing a patched field',
      original: { spec: { strategy: { type: 'a' } } },
      patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } },
      message: 'invalid patch format of retainKeys',
    },
    {
      name: '$setElementOrder not matching the patch list',
      original: pod([{ name: 'a' }]),
      patch: { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'b' }] } },
      message: "doesn't match $setElementOrder list",
    },
  ];
  it.each(errors)('fails: $name', ({ original, patch, message }) => {
    expect(() => strategicMergePatch(original, patch, deploymentMetaOr(podMeta, patch))).toThrow(message);
  });
});

// deploymentMetaOr picks the Deployment meta for strategy patches.
function deploymentMetaOr(meta: PatchMeta, patch: unknown): PatchMeta {
  return JSON.stringify(patch).includes('strategy') ? deploymentMeta : meta;
}

describe('createTwoWayMergePatch', () => {
  const cases: { name: string; meta?: PatchMeta; original: unknown; modified: unknown; want: unknown }[] = [
    { name: 'no change', original: pod([{ name: 'a', image: '1' }]), modified: pod([{ name: 'a', image: '1' }]), want: {} },
    {
      name: 'container image change',
      original: pod([{ name: 'a', image: '1' }, { name: 'b', image: '1' }]),
      modified: pod([{ name: 'a', image: '1' }, { name: 'b', image: '2' }]),
      want: { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }], containers: [{ image: '2', name: 'b' }] } },
    },
    {
      name: 'container removed',
      original: pod([{ name: 'a' }, { name: 'b' }]),
      modified: pod([{ name: 'a' }]),
      want: { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ $patch: 'delete', name: 'b' }] } },
    },
    {
      name: 'container added',
      original: pod([{ name: 'a' }]),
      modified: pod([{ name: 'a' }, { name: 'b', image: 'x' }]),
      want: { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }], containers: [{ image: 'x', name: 'b' }] } },
    },
    {
      name: 'containers reordered',
      original: pod([{ name: 'a' }, { name: 'b' }]),
      modified: pod([{ name: 'b' }, { name: 'a' }]),
      want: { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } },
    },
    {
      name: 'labels changed',
      original: { metadata: { labels: { app: 'web', tier: 'fe' } } },
      modified: { metadata: { labels: { app: 'web2' } } },
      want: { metadata: { labels: { app: 'web2', tier: null } } },
    },
    {
      name: 'finalizer removed',
      original: { metadata: { finalizers: ['a', 'b'] } },
      modified: { metadata: { finalizers: ['a'] } },
      want: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['a'] } },
    },
    {
      name: 'finalizer added',
      original: { metadata: { finalizers: ['a'] } },
      modified: { metadata: { finalizers: ['a', 'c'] } },
      want: { metadata: { '$setElementOrder/finalizers': ['a', 'c'], finalizers: ['c'] } },
    },
    {
      name: 'deployment strategy switched (retainKeys)',
      meta: deploymentMeta,
      original: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
      modified: { spec: { strategy: { type: 'Recreate' } } },
      want: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } },
    },
    {
      name: 'volume source switched (merge,retainKeys)',
      original: pod([], { volumes: [{ name: 'v', emptyDir: {} }] }),
      modified: pod([], { volumes: [{ name: 'v', hostPath: { path: '/x' } }] }),
      want: {
        spec: {
          '$setElementOrder/volumes': [{ name: 'v' }],
          volumes: [{ $retainKeys: ['hostPath', 'name'], emptyDir: null, hostPath: { path: '/x' }, name: 'v' }],
        },
      },
    },
    {
      name: 'non-merge list replaced',
      original: pod([], { tolerations: [{ key: 'a' }] }),
      modified: pod([], { tolerations: [{ key: 'b' }] }),
      want: { spec: { tolerations: [{ key: 'b' }] } },
    },
    {
      name: 'service port changed',
      meta: serviceMeta,
      original: { spec: { ports: [{ port: 80, targetPort: 80 }] } },
      modified: { spec: { ports: [{ port: 80, targetPort: 8080 }] } },
      want: { spec: { '$setElementOrder/ports': [{ port: 80 }], ports: [{ port: 80, targetPort: 8080 }] } },
    },
  ];
  it.each(cases)('$name', ({ meta, original, modified, want }) => {
    const m = meta ?? podMeta;
    const patch = createTwoWayMergePatch(original, modified, m);
    expect(patch).toEqual(want);
    expect(JSON.stringify(patch)).toBe(JSON.stringify(want, Object.keys(flatKeys(want)).sort()));
    // Applying the patch must give back modified.
    expect(strategicMergePatch(original, patch, m)).toEqual(modified);
  });

  it('honours preconditions', () => {
    expect(() => createTwoWayMergePatch({ kind: 'A' }, { kind: 'B' }, podMeta, requireKeyUnchanged('kind'))).toThrow('precondition failed');
  });
});

// flatKeys collects every key so JSON.stringify can print them sorted, as Go does.
function flatKeys(v: unknown, acc: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(v)) v.forEach((x) => flatKeys(x, acc));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (acc[k] = true), flatKeys(x, acc);
  return acc;
}

describe('createThreeWayMergePatch (kubectl apply)', () => {
  const lastApplied = {
    metadata: { name: 'web', labels: { app: 'web', tier: 'frontend' } },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.7', ports: [{ containerPort: 80 }] }] } } },
  };
  const live = {
    metadata: { name: 'web', labels: { app: 'web', tier: 'frontend', added: 'by-someone' }, uid: 'u1' },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
      template: {
        spec: {
          containers: [{ name: 'web', image: 'nginx:1.7', ports: [{ containerPort: 80, protocol: 'TCP' }], imagePullPolicy: 'IfNotPresent' }],
          restartPolicy: 'Always',
        },
      },
    },
    status: { replicas: 2 },
  };

  it('changes the image, drops a removed label, keeps defaults and others\' fields', () => {
    const modified = {
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.9', ports: [{ containerPort: 80 }] }] } } },
    };
    const patch = createThreeWayMergePatch(lastApplied, modified, live, deploymentMeta, true);
    expect(patch).toEqual({
      metadata: { labels: { tier: null } },
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ image: 'nginx:1.9', name: 'web' }] } } },
    });
    const result = strategicMergePatch(live, patch, deploymentMeta) as typeof live;
    expect(result.metadata.labels).toEqual({ app: 'web', added: 'by-someone' });
    expect(result.spec.template.spec.containers).toEqual([
      { name: 'web', image: 'nginx:1.9', ports: [{ containerPort: 80, protocol: 'TCP' }], imagePullPolicy: 'IfNotPresent' },
    ]);
    expect(result.spec.strategy).toEqual(live.spec.strategy);
    expect(result.status).toEqual({ replicas: 2 });
  });

  it('is empty when nothing changed', () => {
    expect(createThreeWayMergePatch(lastApplied, lastApplied, live, deploymentMeta, true)).toEqual({});
  });

  it('deletes a container removed from the config', () => {
    const original = { spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
    const current = { spec: { containers: [{ name: 'a', x: 1 }, { name: 'b', x: 1 }] } };
    const modified = { spec: { containers: [{ name: 'a' }] } };
    const patch = createThreeWayMergePatch(original, modified, current, podMeta, true);
    expect(patch).toEqual({ spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ $patch: 'delete', name: 'b' }] } });
    expect(strategicMergePatch(current, patch, podMeta)).toEqual({ spec: { containers: [{ name: 'a', x: 1 }] } });
  });

  it('removes a finalizer that the config dropped', () => {
    const patch = createThreeWayMergePatch({ metadata: { finalizers: ['a', 'b'] } }, { metadata: { finalizers: ['a'] } }, { metadata: { finalizers: ['a', 'b', 'c'] } }, podMeta, true);
    expect(patch).toEqual({ metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['a'] } });
    expect(strategicMergePatch({ metadata: { finalizers: ['a', 'b', 'c'] } }, patch, podMeta)).toEqual({ metadata: { finalizers: ['a', 'c'] } });
  });

  it('resets a field changed in the live object, or reports a conflict without overwrite', () => {
    const scaled = { ...live, spec: { ...live.spec, replicas: 5 } };
    expect(createThreeWayMergePatch(lastApplied, lastApplied, scaled, deploymentMeta, true)).toEqual({ spec: { replicas: 2 } });
    expect(() => createThreeWayMergePatch(lastApplied, lastApplied, scaled, deploymentMeta, false)).toThrow(ConflictError);
  });

  it('does not conflict when the live change matches the config', () => {
    const modified = { ...lastApplied, spec: { ...lastApplied.spec, replicas: 5 } };
    const scaled = { ...live, spec: { ...live.spec, replicas: 5 } };
    expect(createThreeWayMergePatch(lastApplied, modified, scaled, deploymentMeta, false)).toEqual({});
  });

  it('switches the deployment strategy with $retainKeys', () => {
    const original = { spec: { strategy: { type: 'RollingUpdate' } } };
    const modified = { spec: { strategy: { type: 'Recreate' } } };
    const patch = createThreeWayMergePatch(original, modified, live, deploymentMeta, true);
    expect(patch).toEqual({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    expect((strategicMergePatch(live, patch, deploymentMeta) as typeof live).spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('works without original (first apply over an existing object)', () => {
    const modified = { metadata: { labels: { app: 'web', tier: 'frontend', new: 'x' } } };
    expect(createThreeWayMergePatch(undefined, modified, live, deploymentMeta, true)).toEqual({ metadata: { labels: { new: 'x' } } });
  });
});
