import { describe, it, expect } from 'vitest';
import { decode } from '../../apimachinery/runtime/serializer/protobuf/protobuf.js';
import { INLINE, MAP, REP, isScalar } from '../../apimachinery/runtime/serializer/protobuf/schema.js';
import { FIELDS_V1, INT_OR_STRING, MICRO_TIME, QUANTITY, RAW_EXTENSION, TIME } from '../../apimachinery/runtime/serializer/protobuf/schema.js';
import { messageFor, protobufMessages } from './index.js';
import { kubectlBodies } from './testdata/kubectl-bodies.js';

const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

describe('kubectl protobuf bodies', () => {
  it.each(kubectlBodies.map((b) => [b.command, b] as const))('%s decodes to the JSON kubectl prints', (_, b) => {
    expect(decode(fromBase64(b.body), protobufMessages, messageFor)).toEqual(b.json);
  });

  it('decodes the privileged pod of kubectl debug node/n1 --profile=sysadmin', () => {
    const body =
      'azhzAAoJCgJ2MRIDUG9kEtABCiYKFm5vZGUtZGVidWdnZXItbjEta3g4ZGwSABoAIgAqADIAOABCABKTAQoSCglob3N0LXJvb3QSBQoDCgEvEkkKCGRlYnVnZ2VyEgdidXN5Ym94KgBCAEoYCglob3N0LXJvb3QQABoFL2hvc3QiADIAagByAHoCEAGAAQCIAQCQAQCiAQRGaWxlGgVOZXZlcjIAQgBKAFICbjFYAWABaAGCAQCKAQCaAQCyAQ4KABIGRXhpc3RzGgAiAMIBABoQCgAaACIAKgAyAEoAWgByABoAIgA=';
    expect(decode(fromBase64(body), protobufMessages, messageFor)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'node-debugger-n1-kx8dl', creationTimestamp: null },
      spec: {
        // Volume's VolumeSource is inline: hostPath sits beside name.
        volumes: [{ name: 'host-root', hostPath: { path: '/' } }],
        containers: [
          {
            name: 'debugger',
            image: 'busybox',
            resources: {},
            volumeMounts: [{ name: 'host-root', mountPath: '/host' }],
            // privileged is a *bool: true survives, and so would false.
            securityContext: { privileged: true },
            terminationMessagePolicy: 'File',
          },
        ],
        restartPolicy: 'Never',
        nodeName: 'n1',
        hostNetwork: true,
        hostPID: true,
        hostIPC: true,
        tolerations: [{ operator: 'Exists' }],
      },
      status: {},
    });
  });
});

describe('protobuf message table', () => {
  const special = new Set([TIME, MICRO_TIME, FIELDS_V1, INT_OR_STRING, QUANTITY, RAW_EXTENSION]);

  it('resolves every message type it references', () => {
    const missing: string[] = [];
    for (const [name, fields] of Object.entries(protobufMessages)) {
      for (const [no, json, type, flags = 0] of fields) {
        if (!isScalar(type) && !special.has(type) && !protobufMessages[type]) missing.push(`${name}.${json} (${no}): ${type}`);
        if (flags & INLINE && json !== '') missing.push(`${name}.${json}: inline field with a JSON name`);
        if (flags & MAP && flags & REP) missing.push(`${name}.${json}: both map and repeated`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each([
    ['v1', 'Namespace'],
    ['v1', 'ConfigMap'],
    ['v1', 'Secret'],
    ['v1', 'Service'],
    ['v1', 'ServiceAccount'],
    ['v1', 'ResourceQuota'],
    ['v1', 'Pod'],
    ['v1', 'Binding'],
    ['v1', 'Node'],
    ['apps/v1', 'Deployment'],
    ['apps/v1', 'ReplicaSet'],
    ['apps/v1', 'StatefulSet'],
    ['batch/v1', 'Job'],
    ['batch/v1', 'CronJob'],
    ['policy/v1', 'Eviction'],
    ['autoscaling/v1', 'Scale'],
    ['v1', 'DeleteOptions'],
    ['apps/v1', 'DeleteOptions'],
    ['meta.k8s.io/v1', 'DeleteOptions'],
  ])('knows %s %s', (apiVersion, kind) => {
    expect(messageFor(apiVersion, kind)).toBeDefined();
  });

  it.each([
    ['v1', 'Deployment'],
    ['apps/v2', 'Deployment'],
    ['example.com/v1', 'Widget'],
  ])('has no message for %s %s', (apiVersion, kind) => {
    expect(messageFor(apiVersion, kind)).toBeUndefined();
  });

  it('carries upstream field numbers and Go shapes', () => {
    const field = (msg: string, json: string) => protobufMessages[msg]!.find((f) => f[1] === json);
    expect(field('k8s.io.api.apps.v1.DeploymentSpec', 'progressDeadlineSeconds')?.[0]).toBe(9);
    expect(field('k8s.io.api.core.v1.PodSpec', 'serviceAccount')?.[0]).toBe(9);
    expect(field('k8s.io.api.core.v1.Secret', 'data')?.slice(2)).toEqual(['bytes', MAP]);
    expect(protobufMessages['k8s.io.api.core.v1.Probe']![0]).toEqual([1, '', 'k8s.io.api.core.v1.ProbeHandler', INLINE]);
  });
});

describe('discovery.k8s.io/v1 EndpointSlice', () => {
  // Hand-encoded as generated.proto numbers the fields: EndpointPort is name=1, protocol=2, port=3.
  const bytes = (s: string) => [...new TextEncoder().encode(s)];
  const ld = (field: number, body: number[]) => [(field << 3) | 2, body.length, ...body];
  const str = (field: number, s: string) => ld(field, bytes(s));
  const varint = (field: number, n: number) => [(field << 3) | 0, n];

  it('decodes ports, endpoints and conditions to upstream JSON', () => {
    const port = [...str(1, 'http'), ...str(2, 'TCP'), ...varint(3, 80)];
    const endpoint = [...str(1, '10.244.1.5'), ...ld(2, [...varint(1, 1), ...varint(2, 1), ...varint(3, 0)]), ...str(6, 'node-1')];
    const slice = [...ld(1, str(1, 'web-abcde')), ...ld(2, endpoint), ...ld(3, port), ...str(4, 'IPv4')];
    const unknown = [...ld(1, [...str(1, 'discovery.k8s.io/v1'), ...str(2, 'EndpointSlice')]), ...ld(2, slice)];
    const body = Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...unknown]);
    expect(decode(body, protobufMessages, messageFor)).toEqual({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abcde' },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-1' }],
      ports: [{ name: 'http', protocol: 'TCP', port: 80 }],
    });
  });
});
