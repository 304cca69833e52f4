import { describe, it, expect } from 'vitest';
import { Path, errorString } from '../../util/validation/field/errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectmeta.js';
import { maskTrailingDash, nameIsDNSSubdomain } from './generic.js';

const meta = Path.root('metadata');
const strings = (errs: ReturnType<typeof validateObjectMeta>) => errs.map(errorString);

describe('validateObjectMeta', () => {
  it.each([
    ['valid', { name: 'web', namespace: 'default', labels: { app: 'web' } }, []],
    ['missing name', { namespace: 'default' }, ['metadata.name: Required value: name or generateName is required']],
    ['missing namespace', { name: 'web' }, ['metadata.namespace: Required value']],
    ['bad label value', { name: 'web', namespace: 'd', labels: { app: 'a b' } }, [expect.stringMatching(/^metadata\.labels: Invalid value: "a b": a valid label must be/)]],
    ['two controllers', {
      name: 'web', namespace: 'd',
      ownerReferences: [
        { apiVersion: 'v1', kind: 'A', name: 'a', uid: '1', controller: true },
        { apiVersion: 'v1', kind: 'B', name: 'b', uid: '2', controller: true },
      ],
    }, [expect.stringContaining('Only one reference can have Controller set to true. Found "true" in references for A/a and B/b')]],
    ['empty owner uid', { name: 'w', namespace: 'd', ownerReferences: [{ apiVersion: 'v1', kind: 'A', name: 'a', uid: '' }] }, ['metadata.ownerReferences.uid: Invalid value: "": uid must not be empty']],
    ['huge annotations', { name: 'w', namespace: 'd', annotations: { a: 'x'.repeat(262144) } }, ['metadata.annotations: Too long: may not be more than 262144 bytes']],
    ['both GC finalizers', { name: 'w', namespace: 'd', finalizers: ['orphan', 'foregroundDeletion'] }, ['metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set']],
  ])('%s', (_n, m, want) => {
    expect(strings(validateObjectMeta(m, true, nameIsDNSSubdomain, meta))).toEqual(want);
  });

  it('forbids a namespace on cluster-scoped kinds and checks generateName as a prefix', () => {
    expect(strings(validateObjectMeta({ name: 'n', namespace: 'x' }, false, nameIsDNSSubdomain, meta))).toEqual([
      'metadata.namespace: Forbidden: not allowed on this type',
    ]);
    expect(maskTrailingDash('web-')).toBe('wea');
    expect(validateObjectMeta({ name: 'web-x1', generateName: 'web-', namespace: 'd' }, true, nameIsDNSSubdomain, meta)).toEqual([]);
  });
});

describe('validateObjectMetaUpdate', () => {
  const old = { name: 'a', namespace: 'd', uid: 'u1', resourceVersion: '5', creationTimestamp: '2024-01-01T00:00:00Z' };
  it.each([
    ['unchanged', { ...old }, []],
    ['renamed', { ...old, name: 'b' }, ['metadata.name: Invalid value: "b": field is immutable']],
    ['new uid', { ...old, uid: 'u2' }, ['metadata.uid: Invalid value: "u2": field is immutable']],
    ['no resourceVersion', { ...old, resourceVersion: '' }, ['metadata.resourceVersion: Invalid value: "": must be specified for an update']],
  ])('%s', (_n, m, want) => {
    expect(strings(validateObjectMetaUpdate(m, old, meta))).toEqual(want);
  });

  it('refuses new finalizers on an object being deleted', () => {
    const deleting = { ...old, deletionTimestamp: '2024-01-02T00:00:00Z', finalizers: ['a.io/x'] };
    expect(strings(validateObjectMetaUpdate({ ...deleting, finalizers: ['a.io/x', 'b.io/y'] }, deleting, meta))).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}',
    ]);
  });
});
