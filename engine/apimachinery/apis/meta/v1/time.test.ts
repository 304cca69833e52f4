import { describe, expect, it } from 'vitest';
import { canonicalTime, parseTime, rfc3339 } from './time.js';

describe('metav1.Time on the wire', () => {
  it('prints seconds precision in UTC', () => {
    expect(rfc3339(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe('2026-01-02T03:04:05Z');
  });
  it.each([
    ['2026-11-25T02:59:46.000Z', '2026-11-25T02:59:46Z'],
    ['2026-11-25T02:59:46Z', '2026-11-25T02:59:46Z'],
    ['2026-11-25T03:59:46+01:00', '2026-11-25T02:59:46Z'],
  ])('canonicalizes %s', (input, want) => {
    expect(canonicalTime(input)).toBe(want);
  });
  it('rejects what is not RFC 3339 with the upstream message', () => {
    expect(() => parseTime('yesterday')).toThrow('parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"');
  });
});
