import { describe, it, expect } from 'vitest';
import { escapeValue, everything, parseAndTransformSelector, parseSelector, selectorFromSet, unescapeValue } from './selector.js';
import { defaultMetaV1FieldSelectorConversion, fieldLabelConversionFor } from '../runtime/conversion.js';

describe('parseSelector', () => {
  const cases: { sel: string; str: string; fields: Record<string, string>; match: boolean }[] = [
    { sel: '', str: '', fields: { a: 'b' }, match: true },
    { sel: 'metadata.name=web', str: 'metadata.name=web', fields: { 'metadata.name': 'web' }, match: true },
    { sel: 'metadata.name==web', str: 'metadata.name=web', fields: { 'metadata.name': 'web' }, match: true },
    { sel: 'metadata.name!=web', str: 'metadata.name!=web', fields: { 'metadata.name': 'web' }, match: false },
    { sel: 'status.phase!=Running', str: 'status.phase!=Running', fields: {}, match: true },
    { sel: 'spec.nodeName=', str: 'spec.nodeName=', fields: {}, match: true },
    { sel: 'b=2,a=1', str: 'a=1,b=2', fields: { a: '1', b: '2' }, match: true },
    { sel: 'b=2,a=1', str: 'a=1,b=2', fields: { a: '1', b: '3' }, match: false },
    { sel: 'a=x\\,y', str: 'a=x\\,y', fields: { a: 'x,y' }, match: true },
    { sel: 'a=x\\=y\\\\z', str: 'a=x\\=y\\\\z', fields: { a: 'x=y\\z' }, match: true },
    { sel: 'a=1,,', str: 'a=1', fields: { a: '1' }, match: true },
  ];
  it.each(cases)('$sel', ({ sel, str, fields, match }) => {
    const s = parseSelector(sel);
    expect(s.toString()).toBe(str);
    expect(s.matches(fields)).toBe(match);
  });

  const errors: [string, string][] = [
    ['abc', "invalid selector: 'abc'; can't understand 'abc'"],
    ['a=1,b', "invalid selector: 'a=1,b'; can't understand 'b'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a!==b', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ];
  it.each(errors)('rejects %j', (sel, message) => {
    expect(() => parseSelector(sel)).toThrow(message);
  });

  it('requirements and exact matches', () => {
    const s = parseSelector('metadata.name=web,spec.nodeName!=n1');
    expect(s.requirements()).toEqual([
      { field: 'metadata.name', operator: '=', value: 'web' },
      { field: 'spec.nodeName', operator: '!=', value: 'n1' },
    ]);
    expect(s.requiresExactMatch('metadata.name')).toBe('web');
    expect(s.requiresExactMatch('spec.nodeName')).toBeUndefined();
    expect(s.empty()).toBe(false);
    expect(everything().empty()).toBe(true);
  });
});

describe('transform', () => {
  it('rejects unknown field labels with upstream messages', () => {
    expect(() => parseAndTransformSelector('foo=bar', defaultMetaV1FieldSelectorConversion)).toThrow(
      '"foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(parseAndTransformSelector('metadata.namespace=default', defaultMetaV1FieldSelectorConversion).toString()).toBe(
      'metadata.namespace=default',
    );
    const pods = fieldLabelConversionFor(['spec.nodeName', 'status.phase']);
    expect(parseAndTransformSelector('spec.nodeName=n1,status.phase=Running', pods).toString()).toBe('spec.nodeName=n1,status.phase=Running');
    expect(() => parseAndTransformSelector('spec.foo=x', pods)).toThrow('field label not supported: spec.foo');
  });

  it('drops terms transformed to nothing', () => {
    const s = parseAndTransformSelector('a=1,b=2', (f, v) => (f === 'a' ? ['', ''] : [f, v]));
    expect(s.toString()).toBe('b=2');
  });
});

describe('escaping', () => {
  const cases = ['plain', 'a,b', 'a=b', 'back\\slash', '\\,=', ''];
  it.each(cases)('round-trips %j', (v) => {
    expect(unescapeValue(escapeValue(v))).toBe(v);
  });
  it('selectorFromSet escapes values', () => {
    expect(selectorFromSet({ b: 'x,y', a: '1' }).toString()).toBe('a=1,b=x\\,y');
  });
});
