import { describe, it, expect } from 'vitest';
import { executeTemplate, JSONPathError } from './jsonpath.js';

const list = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'x' } }, status: { phase: 'Running', podIP: '10.0.0.1' }, spec: { containers: [{ image: 'nginx' }, { image: 'redis' }] } },
    { metadata: { name: 'b' }, status: { phase: 'Pending' }, spec: { containers: [{ image: 'busybox' }] } },
  ],
};

describe('jsonpath templates', () => {
  const cases: Array<[string, string]> = [
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0].metadata.name}', 'a'],
    ['{.items[-1].metadata.name}', 'b'],
    ['{.items[0:1].metadata.name}', 'a'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', 'a\tRunning\nb\tPending\n'],
    ['{.items[?(@.status.phase=="Pending")].metadata.name}', 'b'],
    ['{.items[?(@.status.podIP)].metadata.name}', 'a'],
    ['{..image}', 'nginx redis busybox'],
    ['{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', 'x'],
    ["{.items[0].metadata['name']}", 'a'],
    ['{.items[1].status}', '{"phase":"Pending"}'],
    ['name: {.items[0].metadata.name}', 'name: a'],
    ['{.items[*].missing}', ''],
    ['{.kind}', 'List'],
  ];
  it.each(cases)('%s', (tpl, want) => {
    expect(executeTemplate(tpl, list)).toBe(want);
  });
  it('rejects unclosed ranges and bad indexes', () => {
    expect(() => executeTemplate('{range .items[*]}{.a}', list)).toThrow(JSONPathError);
    expect(() => executeTemplate('{.items[5]}', list)).toThrow(/out of bounds/);
  });
});
