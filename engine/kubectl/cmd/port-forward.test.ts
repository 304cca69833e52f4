import { describe, expect, it } from 'vitest';
import { parsePortPair } from './port-forward.js';

describe('parsePortPair', () => {
  it.each([
    ['8080:80', { local: 8080, remote: '80' }],
    ['80', { local: 80, remote: '80' }],
    [':80', { local: 0, remote: '80' }],
    ['8080:http', { local: 8080, remote: 'http' }],
  ])('%s', (spec, want) => expect(parsePortPair(spec)).toEqual(want));

  it('refuses a bad local port as kubectl words it', () => {
    expect(() => parsePortPair('x:80')).toThrow(`Error parsing local port 'x': strconv.ParseUint: parsing "x": invalid syntax`);
  });
});
