import { describe, expect, it } from 'vitest';
import { scriptLines, splitWords } from './submission.js';

describe('splitWords', () => {
  it.each([
    ['plain words', 'kubectl scale rc nginx --replicas=5', [{ argv: ['kubectl', 'scale', 'rc', 'nginx', '--replicas=5'], andIf: false }]],
    ['single quotes keep JSON', `kubectl patch d x -p '{"a": 1}'`, [{ argv: ['kubectl', 'patch', 'd', 'x', '-p', '{"a": 1}'], andIf: false }]],
    ['double quotes and escapes', 'echo "a \\"b\\"" c\\ d', [{ argv: ['echo', 'a "b"', 'c d'], andIf: false }]],
    ['quotes inside a word', `--from-literal='password=a b'`, [{ argv: ['--from-literal=password=a b'], andIf: false }]],
    ['&& and ;', 'a 1 && b; c', [{ argv: ['a', '1'], andIf: false }, { argv: ['b'], andIf: true }, { argv: ['c'], andIf: false }]],
    ['trailing comment', 'sleep 5 # wait', [{ argv: ['sleep', '5'], andIf: false }]],
    ['# inside a word is not a comment', 'echo a#b', [{ argv: ['echo', 'a#b'], andIf: false }]],
    ['empty quotes are a word', `echo ''`, [{ argv: ['echo', ''], andIf: false }]],
  ])('%s', (_name, line, want) => {
    expect(splitWords(line)).toEqual(want);
  });

  it('rejects an unterminated quote', () => {
    expect(() => splitWords(`kubectl patch -p '{`)).toThrow(/unterminated/);
  });
});

describe('scriptLines', () => {
  it('joins continuations and drops comments and blank lines', () => {
    expect(scriptLines('#!/bin/sh\n# note\nkubectl create deploy a \\\n  --image=nginx\n\n  sleep 1\n')).toEqual(['kubectl create deploy a    --image=nginx', 'sleep 1']);
  });
});
