import { describe, it, expect } from 'vitest';
import { decodeFindings, typeErrors, unknownFields } from './strict.js';
import { duplicateFields } from './duplicate-fields.js';
import { patchMetaFor } from './patch-meta.js';
import { explainField } from './explain.js';

const pod = { group: '', version: 'v1', kind: 'Pod' };
const deploy = { group: 'apps', version: 'v1', kind: 'Deployment' };

describe('unknownFields', () => {
  it.each([
    ['typo in a container', { spec: { containers: [{ name: 'a', imagee: 'x' }] } }, ['spec.containers[0].imagee']],
    ['unknown top-level and metadata fields', { foo: 1, metadata: { nam: 'x', labels: { any: 'ok' } } }, ['foo', 'metadata.nam']],
    ['none', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] } }, []],
    ['deep in a template', null, []],
  ])('%s', (_n, obj, want) => {
    expect(unknownFields(pod, obj)).toEqual(want);
  });

  it('walks into embedded templates', () => {
    const d = { spec: { template: { spec: { containers: [{ name: 'a', portz: [] }] } }, replica: 1 } };
    expect(unknownFields(deploy, d)).toEqual(['spec.template.spec.containers[0].portz', 'spec.replica']);
  });
});

describe('duplicateFields', () => {
  it.each([
    ['{"a":1,"a":2}', ['a']],
    ['{"spec":{"replicas":1,"x":{"a":"}"},"replicas":2}}', ['spec.replicas']],
    ['{"items":[{"n":1},{"n":1,"n":2}]}', ['items[1].n']],
    ['{"a":"\\"a\\"","b":[]}', []],
  ])('%s', (text, want) => {
    expect(duplicateFields(text)).toEqual(want);
    // Given the parsed value, the answer is the same: a compact text with a repeated key does not
    // stringify back to itself.
    expect(duplicateFields(text, JSON.parse(text))).toEqual(want);
  });

  it('finds repeated keys in texts that are not compact when given the parsed value', () => {
    const text = '{ "metadata": {"name": "a", "name": "b"} }';
    expect(duplicateFields(text, JSON.parse(text))).toEqual(['metadata.name']);
  });
});

describe('decodeFindings', () => {
  it('finds type errors and unknown fields in one walk, with map keys and list indices in the paths', () => {
    const obj = { metadata: { labels: { a: 1 }, annotationz: {} }, spec: { containers: [{ name: 'a' }, { name: 'b', ports: [{ containerPort: '80', nam: 'x' }] }], nodeSelector: { 'k.io/x': true } } };
    expect(decodeFindings(pod, obj)).toEqual({
      typeErrors: [
        'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
        'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
        'json: cannot unmarshal bool into Go struct field PodSpec.spec.nodeSelector of type string',
      ],
      unknownFields: ['metadata.annotationz', 'spec.containers[1].ports[0].nam'],
    });
    expect(decodeFindings({ group: 'x', version: 'v1', kind: 'Y' }, obj)).toEqual({ typeErrors: [], unknownFields: [] });
    expect(decodeFindings(pod, [1]).typeErrors).toEqual(['json: cannot unmarshal array into Go value of type v1.Pod']);
  });
});

describe('typeErrors', () => {
  it.each([
    [
      'string containerPort',
      { spec: { containers: [{ name: 'a', ports: [{ containerPort: '80' }] }] } },
      ['json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ],
    [
      'number env value',
      { spec: { containers: [{ name: 'a', env: [{ name: 'X', value: 1 }] }] } },
      ['json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string'],
    ],
    ['spec as a string', { spec: 'x' }, ['json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec']],
    ['containers as an object', { spec: { containers: {} } }, ['json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container']],
    ['label value as a number', { metadata: { labels: { a: 1 } } }, ['json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string']],
    ['int-or-string and quantity accept both', { spec: { containers: [{ name: 'a', resources: { limits: { cpu: 1 } }, livenessProbe: { httpGet: { port: 'http' } } }] } }, []],
    ['fractional integer', { spec: { terminationGracePeriodSeconds: 1.5 } }, ['json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64']],
  ])('%s', (_n, obj, want) => {
    expect(typeErrors(pod, obj)).toEqual(want);
  });
});

describe('patchMetaFor', () => {
  it('knows merge keys and strategies of the pod spec', () => {
    const spec = patchMetaFor(pod).field('spec')!;
    expect(spec.shape).toBe('struct');
    const containers = spec.elem!.field('containers')!;
    expect(containers).toMatchObject({ shape: 'list', patchStrategy: 'merge', patchMergeKey: 'name' });
    expect(containers.elem!.field('ports')).toMatchObject({ patchMergeKey: 'containerPort' });
    expect(spec.elem!.field('tolerations')!.patchStrategy).toBeUndefined();
    expect(spec.elem!.field('nodeSelector')!.shape).toBe('map');
    expect(spec.elem!.field('nope')).toBeUndefined();
  });

  it('marks Deployment strategy retainKeys and knows nothing of unknown kinds', () => {
    const spec = patchMetaFor(deploy).field('spec')!.elem!;
    expect(spec.field('strategy')).toMatchObject({ shape: 'struct', patchStrategy: 'retainKeys' });
    expect(patchMetaFor({ group: 'x', version: 'v1', kind: 'Y' }).field('spec')).toBeUndefined();
  });
});

describe('explainField', () => {
  it('describes a kind and a nested field', () => {
    const root = explainField(pod, '')!;
    expect(root.fields.map((f) => f.name)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    const ports = explainField(pod, 'spec.containers.ports')!;
    expect(ports.type).toBe('[]ContainerPort');
    expect(ports.fields.find((f) => f.name === 'containerPort')).toMatchObject({ type: 'integer', required: true });
    expect(explainField(pod, 'spec.restartPolicy')!.enum).toEqual(['Always', 'Never', 'OnFailure']);
    expect(explainField(deploy, ['spec', 'strategy', 'rollingUpdate', 'maxSurge'])!.type).toBe('IntOrString');
    expect(explainField(pod, 'spec.nope')).toBeUndefined();
  });
});
