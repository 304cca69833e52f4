// Mirrors github.com/robfig/cron/v3 parser.go and spec.go (ParseStandard, SpecSchedule.Next), the
// library the cron job controller uses: five fields (minute hour day-of-month month day-of-week)
// with *, ?, ranges, steps, lists and month/day names, plus @yearly/@annually/@monthly/@weekly/
// @daily/@midnight/@hourly. Times are UTC (the TZ= prefix and spec.timeZone are left out).

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const months: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const dows: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };
const fieldBounds: Bounds[] = [{ min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, months, dows];

const descriptors: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** Schedule is a parsed cron spec; star marks a field written as * or ? (it matters for day matching). */
export interface Schedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
  /** next returns the first activation time strictly after t (ms), or 0 if none within five years. */
  next(t: number): number;
}

function parseValue(s: string, b: Bounds): number {
  const named = b.names?.[s.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(s)) throw new Error(`failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`);
  return Number(s);
}

/** getRange parses one comma-separated term: "*", "a", "a-b", any of them with "/step". */
function getRange(expr: string, b: Bounds): { values: number[]; star: boolean } {
  const [rangePart, stepPart, extra] = expr.split('/');
  if (extra !== undefined) throw new Error(`too many slashes: ${expr}`);
  let start: number;
  let end: number;
  let star = false;
  if (rangePart === '*' || rangePart === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    const [lo, hi, more] = rangePart!.split('-');
    if (more !== undefined) throw new Error(`too many hyphens: ${expr}`);
    start = parseValue(lo!, b);
    end = hi === undefined ? start : parseValue(hi, b);
  }
  let step = 1;
  if (stepPart !== undefined) {
    step = parseValue(stepPart, { min: 0, max: 0 });
    // "N/step" means N through the maximum.
    if (!star && rangePart!.indexOf('-') < 0) end = b.max;
    if (step > 1) star = false;
  }
  if (start < b.min) throw new Error(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new Error(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
  const values: number[] = [];
  for (let v = start; v <= end; v += step) values.push(v);
  return { values, star };
}

function getField(field: string, b: Bounds): { set: Set<number>; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const term of field.split(',')) {
    const r = getRange(term, b);
    r.values.forEach((v) => set.add(v));
    star ||= r.star;
  }
  return { set, star };
}

/** parseStandard parses a cron spec as cron.ParseStandard does; it throws on a bad spec. */
export function parseStandard(spec: string): Schedule {
  let text = spec.trim();
  if (text.startsWith('@')) {
    const d = descriptors[text.toLowerCase()];
    if (!d) throw new Error(`unrecognized descriptor: ${text}`);
    text = d;
  }
  const fields = text.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: ${spec}`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => getField(f, fieldBounds[i]!));
  // Day-of-week 7 is not accepted by robfig; Sunday is 0.
  const s: Schedule = {
    minute: minute!.set,
    hour: hour!.set,
    dom: dom!.set,
    month: month!.set,
    dow: dow!.set,
    domStar: dom!.star,
    dowStar: dow!.star,
    next: (t) => next(s, t),
  };
  return s;
}

/** dayMatches: if either day field is *, both must match; otherwise either may (cron's rule). */
function dayMatches(s: Schedule, d: Date): boolean {
  const domMatch = s.dom.has(d.getUTCDate());
  const dowMatch = s.dow.has(d.getUTCDay());
  if (s.domStar || s.dowStar) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/** next walks month, day, hour and minute forward as SpecSchedule.Next does. */
function next(s: Schedule, t: number): number {
  // Start at the next whole minute.
  const d = new Date(Math.floor(t / 60_000) * 60_000 + 60_000);
  const yearLimit = d.getUTCFullYear() + 5;
  for (;;) {
    if (d.getUTCFullYear() > yearLimit) return 0;
    if (!s.month.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(s, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!s.hour.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!s.minute.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return d.getTime();
  }
}
