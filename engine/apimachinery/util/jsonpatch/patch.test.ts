import { describe, it, expect } from 'vitest';
import { applyPatch, decodePatch, type Operation } from './patch.js';

// Most cases follow RFC 6902 appendix A.
describe('applyPatch', () => {
  const cases: { name: string; doc: unknown; ops: Operation[]; want: unknown }[] = [
    { name: 'add object member', doc: { foo: 'bar' }, ops: [{ op: 'add', path: '/baz', value: 'qux' }], want: { foo: 'bar', baz: 'qux' } },
    { name: 'add array element', doc: { foo: ['bar', 'baz'] }, ops: [{ op: 'add', path: '/foo/1', value: 'qux' }], want: { foo: ['bar', 'qux', 'baz'] } },
    { name: 'add with -', doc: { foo: ['bar'] }, ops: [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], want: { foo: ['bar', ['abc', 'def']] } },
    { name: 'add replaces existing member', doc: { foo: 1 }, ops: [{ op: 'add', path: '/foo', value: 2 }], want: { foo: 2 } },
    { name: 'add whole document', doc: { foo: 1 }, ops: [{ op: 'add', path: '', value: [1] }], want: [1] },
    { name: 'add nested null value', doc: { foo: 'bar' }, ops: [{ op: 'add', path: '/child', value: { grandchild: {} } }], want: { foo: 'bar', child: { grandchild: {} } } },
    { name: 'remove member', doc: { baz: 'qux', foo: 'bar' }, ops: [{ op: 'remove', path: '/baz' }], want: { foo: 'bar' } },
    { name: 'remove element', doc: { foo: ['bar', 'qux', 'baz'] }, ops: [{ op: 'remove', path: '/foo/1' }], want: { foo: ['bar', 'baz'] } },
    { name: 'replace', doc: { baz: 'qux', foo: 'bar' }, ops: [{ op: 'replace', path: '/baz', value: 'boo' }], want: { baz: 'boo', foo: 'bar' } },
    {
      name: 'move member',
      doc: { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      ops: [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      want: { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    },
    { name: 'move element', doc: { foo: ['all', 'grass', 'cows', 'eat'] }, ops: [{ op: 'move', from: '/foo/1', path: '/foo/3' }], want: { foo: ['all', 'cows', 'eat', 'grass'] } },
    { name: 'copy', doc: { a: { b: 1 } }, ops: [{ op: 'copy', from: '/a', path: '/c' }], want: { a: { b: 1 }, c: { b: 1 } } },
    { name: 'test passes', doc: { baz: 'qux', foo: ['a', 2, 'c'] }, ops: [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }], want: { baz: 'qux', foo: ['a', 2, 'c'] } },
    { name: 'escaped tokens', doc: { '/': 9, '~1': 10 }, ops: [{ op: 'replace', path: '/~1', value: 1 }, { op: 'replace', path: '/~01', value: 2 }], want: { '/': 1, '~1': 2 } },
    {
      name: 'label with slash (kubectl patch --type=json)',
      doc: { metadata: { labels: { 'app.kubernetes.io/name': 'x' } } },
      ops: [{ op: 'remove', path: '/metadata/labels/app.kubernetes.io~1name' }],
      want: { metadata: { labels: {} } },
    },
    {
      name: 'container image',
      doc: { spec: { containers: [{ name: 'web', image: 'nginx:1.7' }] } },
      ops: [{ op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.9' }],
      want: { spec: { containers: [{ name: 'web', image: 'nginx:1.9' }] } },
    },
  ];
  it.each(cases)('$name', ({ doc, ops, want }) => {
    const before = JSON.stringify(doc);
    expect(applyPatch(doc, ops)).toEqual(want);
    expect(JSON.stringify(doc)).toBe(before);
  });

  const errors: { name: string; doc: unknown; ops: Operation[]; message: string }[] = [
    { name: 'add to missing parent', doc: { foo: 'bar' }, ops: [{ op: 'add', path: '/baz/bat', value: 'qux' }], message: 'add operation does not apply: doc is missing path: "/baz/bat": missing value' },
    { name: 'remove missing', doc: { foo: 'bar' }, ops: [{ op: 'remove', path: '/baz' }], message: 'Unable to remove nonexistent key: baz: missing value' },
    { name: 'replace missing', doc: { foo: 'bar' }, ops: [{ op: 'replace', path: '/baz', value: 1 }], message: 'replace operation does not apply: doc is missing key: /baz: missing value' },
    { name: 'test fails', doc: { baz: 'qux' }, ops: [{ op: 'test', path: '/baz', value: 'bar' }], message: 'testing value /baz failed: test failed' },
    { name: 'test numbers vs strings', doc: { '/': 9 }, ops: [{ op: 'test', path: '/~1', value: '9' }], message: 'testing value /~1 failed: test failed' },
    { name: 'index out of range', doc: { foo: ['a'] }, ops: [{ op: 'add', path: '/foo/5', value: 'x' }], message: 'Unable to access invalid index: 5: invalid index referenced' },
    { name: 'leading zero index', doc: { foo: ['a', 'b'] }, ops: [{ op: 'remove', path: '/foo/01' }], message: 'Unable to access invalid index: 01: invalid index referenced' },
    { name: 'unknown op', doc: {}, ops: [{ op: 'frob', path: '/a' }], message: 'Unexpected kind: frob' },
    { name: 'move from missing', doc: {}, ops: [{ op: 'move', from: '/a', path: '/b' }], message: 'move operation does not apply: doc is missing from path: /a: missing value' },
    { name: 'move into itself', doc: { a: { b: 1 } }, ops: [{ op: 'move', from: '/a', path: '/a/b/c' }], message: 'is a prefix of' },
    { name: 'bad pointer', doc: {}, ops: [{ op: 'add', path: 'a', value: 1 }], message: 'JSON pointer must be empty or start with a "/"' },
  ];
  it.each(errors)('fails: $name', ({ doc, ops, message }) => {
    expect(() => applyPatch(doc, ops)).toThrow(message);
  });

  it('applies nothing when a later operation fails', () => {
    const doc = { a: 1 };
    expect(() => applyPatch(doc, [{ op: 'replace', path: '/a', value: 2 }, { op: 'remove', path: '/zzz' }])).toThrow();
    expect(doc).toEqual({ a: 1 });
  });

  it('decodePatch requires an array of objects', () => {
    expect(() => decodePatch({ op: 'add' })).toThrow('cannot unmarshal object');
    expect(decodePatch([{ op: 'add', path: '/a', value: 1 }])).toHaveLength(1);
  });
});
