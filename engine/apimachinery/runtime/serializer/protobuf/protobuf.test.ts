import { describe, it, expect } from 'vitest';
import { NotRegisteredError, decode, decodeUnknown, hasPrefix } from './protobuf.js';
import { KEEP, type MessageTable } from './schema.js';
import { Writer, envelope } from './writer.js';

const table: MessageTable = {
  'k8s.io.api.core.v1.ConfigMap': [
    [1, 'metadata', 'k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    [2, 'data', 's', 2],
    [3, 'immutable', 'b', KEEP],
  ],
  'k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta': [[1, 'name', 's']],
};
const messageFor = (apiVersion: string, kind: string) => (apiVersion === 'v1' && kind === 'ConfigMap' ? 'k8s.io.api.core.v1.ConfigMap' : undefined);
const configMap = new Writer().bytes(1, new Writer().string(1, 'cm')).mapEntry(2, 'k', 'v').varint(3, false);

describe('protobuf serializer', () => {
  it('reads the runtime.Unknown envelope', () => {
    const unk = decodeUnknown(envelope('v1', 'ConfigMap', configMap));
    expect(unk).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', contentEncoding: '', contentType: '' });
    expect(unk.raw).toEqual(configMap.finish());
  });

  it('decodes the object with the envelope’s apiVersion and kind', () => {
    expect(decode(envelope('v1', 'ConfigMap', configMap), table, messageFor)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm' },
      data: { k: 'v' },
      immutable: false,
    });
  });

  it.each([
    ['JSON', new TextEncoder().encode('{"kind":"ConfigMap"}'), false],
    ['a short body', Uint8Array.from([0x6b, 0x38]), false],
    ['the prefix', Uint8Array.from([0x6b, 0x38, 0x73, 0x00]), true],
  ])('hasPrefix on %s', (_, data, want) => {
    expect(hasPrefix(data)).toBe(want);
  });

  it('rejects a body without the prefix', () => {
    expect(() => decode(new TextEncoder().encode('{}'), table, messageFor)).toThrow(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
  });

  it('rejects a kind with no message', () => {
    const run = () => decode(envelope('v1', 'Widget', new Writer()), table, messageFor);
    expect(run).toThrow(NotRegisteredError);
    expect(run).toThrow('no kind "Widget" is registered for version "v1"');
  });
});
