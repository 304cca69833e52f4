import { describe, it, expect } from 'vitest';
import { formatLabelSelector, labelSelectorAsMap, labelSelectorAsSelector } from './helpers.js';
import type { LabelSelector } from './types.js';

describe('labelSelectorAsSelector', () => {
  const cases: { name: string; sel: LabelSelector | undefined; labels: Record<string, string>; want: boolean }[] = [
    { name: 'nil selects nothing', sel: undefined, labels: {}, want: false },
    { name: 'empty selects everything', sel: {}, labels: { a: 'b' }, want: true },
    { name: 'matchLabels', sel: { matchLabels: { app: 'web' } }, labels: { app: 'web', x: 'y' }, want: true },
    { name: 'matchLabels mismatch', sel: { matchLabels: { app: 'web' } }, labels: { app: 'db' }, want: false },
    { name: 'In', sel: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] }, labels: { tier: 'b' }, want: true },
    { name: 'NotIn', sel: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, labels: { tier: 'a' }, want: false },
    { name: 'Exists', sel: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels: { tier: '' }, want: true },
    { name: 'DoesNotExist', sel: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels: { tier: '' }, want: false },
  ];
  it.each(cases)('$name', ({ sel, labels, want }) => {
    expect(labelSelectorAsSelector(sel).matches(labels)).toBe(want);
  });

  it('rejects unknown operators and empty In', () => {
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Gt' as 'In', values: ['1'] }] })).toThrow(
      '"Gt" is not a valid label selector operator',
    );
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(
      "values set can't be empty",
    );
  });
});

describe('formatLabelSelector', () => {
  const cases: [string, LabelSelector | undefined, string][] = [
    ['guestbook', { matchLabels: { app: 'guestbook' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] }, 'app=guestbook,tier in (backend)'],
    ['sorted keys', { matchLabels: { tier: 'frontend', app: 'guestbook' } }, 'app=guestbook,tier=frontend'],
    ['values sorted', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['qa', 'dev'] }] }, 'env notin (dev,qa)'],
    ['exists', { matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'DoesNotExist' }] }, 'a,!b'],
    ['nil', undefined, '<none>'],
    ['empty', {}, '<none>'],
    ['bad', { matchExpressions: [{ key: 'a', operator: 'Bad' as 'In' }] }, '<error>'],
  ];
  it.each(cases)('%s', (_n, sel, want) => {
    expect(formatLabelSelector(sel)).toBe(want);
  });
});

describe('labelSelectorAsMap', () => {
  it('converts equality terms', () => {
    expect(labelSelectorAsMap({ matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'In', values: ['2'] }] })).toEqual({ a: '1', b: '2' });
    expect(() => labelSelectorAsMap({ matchExpressions: [{ key: 'b', operator: 'Exists' }] })).toThrow();
  });
});
