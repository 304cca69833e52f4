// Mirrors pkg/registry/core/service/portallocator/allocator.go: the NodePort range (30000-32767 by
// default). Dynamic allocation is random and prefers the upper part of the range, leaving the low
// band for ports users ask for by number, or sequential for predictable tests.
import type { Allocator } from '../../../rest/resource.js';

export const errAllocated = 'provided port is already allocated';
export const errFull = 'range is full';

export interface PortRange {
  base: number;
  size: number;
}

/** parsePortRange parses "30000-32767" (or a single port) as utilnet.ParsePortRange does. */
export function parsePortRange(text: string): PortRange {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
  if (!m) throw new Error(`unable to parse port range: ${text}`);
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  if (low > 65535 || high > 65535 || high < low) throw new Error(`range not valid: ${text}`);
  return { base: low, size: high - low + 1 };
}

/** calculateRangeOffset: the static band is size/32, at least 16 and at most 128 ports. */
export function calculateRangeOffset(size: number): number {
  const min = 16;
  const max = 128;
  const step = 32;
  if (size < min) return 0;
  return Math.min(Math.max(min, Math.floor(size / step)), max);
}

export interface PortAllocatorOptions {
  strategy?: 'random' | 'sequential';
  random?: () => number;
}

export class PortAllocator implements Allocator<number> {
  private readonly range: PortRange;
  private readonly offset: number;
  private readonly allocated = new Set<number>();
  private readonly strategy: 'random' | 'sequential';
  private readonly random: () => number;

  constructor(rangeText = '30000-32767', opts: PortAllocatorOptions = {}) {
    this.range = parsePortRange(rangeText);
    this.offset = calculateRangeOffset(this.range.size);
    this.strategy = opts.strategy ?? 'random';
    this.random = opts.random ?? Math.random;
  }

  rangeText(): string {
    return `${this.range.base}-${this.range.base + this.range.size - 1}`;
  }

  private inRange(port: number): boolean {
    return Number.isInteger(port) && port >= this.range.base && port < this.range.base + this.range.size;
  }

  allocate(port: number): string {
    if (!this.inRange(port)) {
      return `provided port is not in the valid range. The range of valid ports is ${this.rangeText()}`;
    }
    if (this.allocated.has(port)) return errAllocated;
    this.allocated.add(port);
    return '';
  }

  allocateNext(): number | undefined {
    const size = this.range.size;
    let i: number | undefined;
    if (this.strategy === 'sequential') {
      i = this.scan(0, size, 0);
    } else {
      const upper = size - this.offset;
      if (upper > 0) i = this.scan(this.offset, size, Math.floor(this.random() * upper));
      if (i === undefined && this.offset > 0) i = this.scan(0, this.offset, Math.floor(this.random() * this.offset));
    }
    if (i === undefined) return undefined;
    const port = this.range.base + i;
    this.allocated.add(port);
    return port;
  }

  private scan(from: number, to: number, start: number): number | undefined {
    const n = to - from;
    for (let k = 0; k < n; k++) {
      const i = from + ((start + k) % n);
      if (!this.allocated.has(this.range.base + i)) return i;
    }
    return undefined;
  }

  release(port: number): void {
    this.allocated.delete(port);
  }

  has(port: number): boolean {
    return this.allocated.has(port);
  }

  used(): number {
    return this.allocated.size;
  }

  free(): number {
    return this.range.size - this.allocated.size;
  }
}
