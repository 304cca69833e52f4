import { describe, it, expect } from 'vitest';
import { parse } from './parser.js';
import { everything, newRequirement, nothing, selectorFromSet, FieldErrorsError } from './selector.js';
import { formatLabels, setString } from './labels.js';
import * as selection from '../selection/operator.js';
import { Path } from '../util/validation/field/errors.js';

const qualifiedRegex = "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('parse and toString', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['x=a', 'x=a'],
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['z=c,y=b,x=a', 'x=a,y=b,z=c'],
    [' x = a , y != b ', 'x=a,y!=b'],
    ['x==a', 'x==a'],
    ['x=', 'x='],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['x in (c,b,a,b)', 'x in (a,b,c)'],
    ['w in (in, notin)', 'w in (in,notin)'],
    ['x notin (a)', 'x notin (a)'],
    ['!x', '!x'],
    ['!x,y', '!x,y'],
    ['x>1', 'x>1'],
    ['x<5', 'x<5'],
    ['example.com/app=web', 'example.com/app=web'],
    ['x=a,x!=b', 'x=a,x!=b'],
  ];
  it.each(cases)('%j → %j', (input, want) => {
    expect(parse(input).toString()).toBe(want);
  });
});

describe('parse errors', () => {
  const cases: [string, string][] = [
    [',', "found ',', expected: !, identifier, or 'end of string'"],
    ['x,', "found '', expected: identifier after ','"],
    ['x=a=b', "found '=', expected: ',' or 'end of string'"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x y', "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"],
    ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['-x', `unable to parse requirement: <nil>: Invalid value: "-x": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${qualifiedRegex}`],
    ['/x', 'unable to parse requirement: <nil>: Invalid value: "/x": prefix part must be non-empty'],
    ['x>a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    [
      'x=a||y',
      `unable to parse requirement: values[0][x]: Invalid value: "a||y": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
  ];
  it.each(cases)('%j', (input, message) => {
    expect(() => parse(input)).toThrow(message);
    try {
      parse(input);
    } catch (e) {
      expect((e as Error).message).toBe(message);
    }
  });

  it('uses the given path for key errors', () => {
    expect(() => parse('-x', Path.root('labelSelector'))).toThrow('unable to parse requirement: labelSelector: Invalid value: "-x"');
  });
});

describe('matches', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y', { x: 'z' }, false],
    ['x=y', {}, false],
    ['x==y', { x: 'y' }, true],
    ['x!=y', { x: 'z' }, true],
    ['x!=y', {}, true],
    ['x!=y', { x: 'y' }, false],
    ['x in (a,b)', { x: 'b' }, true],
    ['x in (a,b)', { x: 'c' }, false],
    ['x in (a,b)', {}, false],
    ['x notin (a,b)', { x: 'c' }, true],
    ['x notin (a,b)', {}, true],
    ['x notin (a,b)', { x: 'a' }, false],
    ['x', { x: '' }, true],
    ['x', { y: '1' }, false],
    ['!x', { y: '1' }, true],
    ['!x', { x: '1' }, false],
    ['x>1', { x: '2' }, true],
    ['x>1', { x: '1' }, false],
    ['x>1', { x: 'a' }, false],
    ['x<1', { x: '-3' }, true],
    ['x<1', { x: '0' }, true],
    ['x<1', { x: '1' }, false],
    ['x<1', {}, false],
    ['x=', { x: '' }, true],
    ['x in ()', { x: '' }, true],
    ['app=guestbook,tier in (frontend,backend)', { app: 'guestbook', tier: 'backend' }, true],
    ['app=guestbook,tier in (frontend,backend)', { app: 'guestbook', tier: 'cache' }, false],
  ];
  it.each(cases)('%j matches %j = %s', (sel, ls, want) => {
    expect(parse(sel).matches(ls)).toBe(want);
  });

  it('treats undefined labels as an empty set', () => {
    expect(parse('!x').matches(undefined)).toBe(true);
    expect(parse('x').matches(undefined)).toBe(false);
  });
});

describe('special selectors', () => {
  it('everything and nothing', () => {
    expect(everything().empty()).toBe(true);
    expect(everything().matches({ a: 'b' })).toBe(true);
    expect(nothing().empty()).toBe(false);
    expect(nothing().matches({})).toBe(false);
    expect(nothing().requirements().selectable).toBe(false);
    expect(nothing().toString()).toBe('');
    expect(parse('').empty()).toBe(true);
    expect(parse('x').empty()).toBe(false);
  });

  it('selectorFromSet sorts by key', () => {
    const s = selectorFromSet({ tier: 'frontend', app: 'guestbook' });
    expect(s.toString()).toBe('app=guestbook,tier=frontend');
    expect(s.matches({ app: 'guestbook', tier: 'frontend', x: '1' })).toBe(true);
    expect(selectorFromSet({}).empty()).toBe(true);
  });

  it('requiresExactMatch', () => {
    expect(parse('a=b,c in (d)').requiresExactMatch('a')).toBe('b');
    expect(parse('a=b,c in (d)').requiresExactMatch('c')).toBe('d');
    expect(parse('a in (b,c)').requiresExactMatch('a')).toBeUndefined();
    expect(parse('a!=b').requiresExactMatch('a')).toBeUndefined();
  });

  it('add keeps requirements sorted', () => {
    const s = parse('b=1').add(newRequirement('a', selection.Exists, []));
    expect(s.toString()).toBe('a,b=1');
  });
});

describe('newRequirement validation', () => {
  const cases: [string, selection.Operator, string[], string][] = [
    ['x', selection.In, [], `values: Invalid value: [], for 'in', 'notin' operators, values set can't be empty`],
    ['x', selection.Equals, ['a', 'b'], 'values: Invalid value: ["a","b"]: exact-match compatibility requires one single value'],
    ['x', selection.Exists, ['a'], 'values: Invalid value: ["a"]: values set must be empty for exists and does not exist'],
  ];
  it.each(cases)('%s %s %j', (key, op, vals, message) => {
    expect(() => newRequirement(key, op, vals)).toThrow(FieldErrorsError);
    expect(() => newRequirement(key, op, vals)).toThrow(message.split(',')[0]!.split(':')[0]!);
  });
  it('checks the key under key', () => {
    expect(() => newRequirement('a/b/c', selection.Exists, [])).toThrow(/^key: Invalid value: "a\/b\/c": a qualified name must consist/);
  });
});

describe('label set strings', () => {
  it('setString and formatLabels', () => {
    expect(setString({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels({ app: 'web' })).toBe('app=web');
  });
});
