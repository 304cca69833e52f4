import { describe, it, expect } from 'vitest';
import { parseStandard } from './cron-schedule.js';

const at = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('parseStandard', () => {
  it.each([
    ['every minute', '* * * * *', '2026-01-01T10:00:30Z', '2026-01-01T10:01:00Z'],
    ['every 15 minutes', '*/15 * * * *', '2026-01-01T10:01:00Z', '2026-01-01T10:15:00Z'],
    ['a list', '5,35 * * * *', '2026-01-01T10:06:00Z', '2026-01-01T10:35:00Z'],
    ['a range with a step', '10-30/10 * * * *', '2026-01-01T10:21:00Z', '2026-01-01T10:30:00Z'],
    ['N/step runs to the max', '50/5 * * * *', '2026-01-01T10:51:00Z', '2026-01-01T10:55:00Z'],
    ['hourly', '@hourly', '2026-01-01T10:00:00Z', '2026-01-01T11:00:00Z'],
    ['daily', '@daily', '2026-01-01T10:00:00Z', '2026-01-02T00:00:00Z'],
    ['weekly (Sunday)', '@weekly', '2026-01-01T10:00:00Z', '2026-01-04T00:00:00Z'],
    ['monthly', '@monthly', '2026-01-15T00:00:00Z', '2026-02-01T00:00:00Z'],
    ['yearly', '@yearly', '2026-01-15T00:00:00Z', '2027-01-01T00:00:00Z'],
    ['month and day names', '0 9 * jan-mar mon-fri', '2026-01-02T09:00:00Z', '2026-01-05T09:00:00Z'],
    ['day of month or day of week when both restricted', '0 0 13 * fri', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'],
    ['both must match when one is a star', '0 0 * * 5', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'],
    ['29 February', '0 0 29 2 *', '2026-01-01T00:00:00Z', '2028-02-29T00:00:00Z'],
  ])('%s: %s after %s is %s', (_n, spec, from, want) => expect(iso(parseStandard(spec).next(at(from)))).toBe(want));

  it.each([
    ['* * * *', 'expected exactly 5 fields, found 4: * * * *'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['@every 5m', 'unrecognized descriptor: @every 5m'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
  ])('rejects %s', (spec, msg) => expect(() => parseStandard(spec)).toThrow(msg));
});
