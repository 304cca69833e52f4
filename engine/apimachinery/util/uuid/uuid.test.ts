import { describe, it, expect } from 'vitest';
import { newUUID } from './uuid.js';

describe('newUUID', () => {
  it('returns distinct v4 UUIDs', () => {
    const a = newUUID();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newUUID()).not.toBe(a);
  });
});
