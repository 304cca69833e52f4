// Lab progress in localStorage: mark, unmark, reset, and damaged data.
import { describe, expect, it } from 'vitest';
import { markDone, PROGRESS_KEY, readProgress, resetProgress } from '../../src/lab/progress.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

describe('progress', () => {
  const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
  it('marks and unmarks labs', () => {
    const s = memoryStorage();
    markDone(s, 'pods', true, at);
    markDone(s, 'labels', true, at);
    expect(readProgress(s)).toEqual({ pods: { done: true, at: '2026-01-02T03:04:05.000Z' }, labels: { done: true, at: '2026-01-02T03:04:05.000Z' } });
    markDone(s, 'pods', false, at);
    expect(Object.keys(readProgress(s))).toEqual(['labels']);
  });

  it('resets', () => {
    const s = memoryStorage();
    markDone(s, 'pods', true, at);
    resetProgress(s);
    expect(readProgress(s)).toEqual({});
  });

  it.each(['not json', '[1,2]', 'null', '7'])('reads damaged data %j as no progress', (raw) => {
    expect(readProgress(memoryStorage({ [PROGRESS_KEY]: raw }))).toEqual({});
  });
});
