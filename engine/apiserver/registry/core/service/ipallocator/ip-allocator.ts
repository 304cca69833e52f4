// Mirrors pkg/registry/core/service/ipallocator/bitmap.go: a range of service cluster IPs inside a
// CIDR, without the network and broadcast addresses. Dynamic allocation picks at random, preferring
// the upper part of the range so the low band stays free for static IPs (KEP-3070), or
// sequentially. State lives in memory; rebuildAllocations restores it from existing services.
import type { Allocator } from '../../../rest/resource.js';
import { contains, formatIPv4, parseCIDR, parseIPv4, type CIDR } from './cidr.js';

export const errAllocated = 'provided IP is already allocated';
export const errFull = 'range is full';

export interface RangeOptions {
  /** strategy is "random" (upstream's behaviour) or "sequential" (lowest free first). */
  strategy?: 'random' | 'sequential';
  /** random returns a number in [0, 1); injectable for deterministic tests. */
  random?: () => number;
}

/** calculateRangeOffset: the static band is size/16, at least 16 and at most 256 addresses. */
export function calculateRangeOffset(size: number): number {
  const min = 16;
  const max = 256;
  const step = 16;
  if (size < min) return 0;
  return Math.min(Math.max(min, Math.floor(size / step)), max);
}

/** Range allocates IPv4 service addresses from one CIDR. */
export class Range implements Allocator<string> {
  private readonly cidr: CIDR;
  /** base is the first allocatable address (network + 1); max the number of allocatable ones. */
  private readonly base: number;
  private readonly max: number;
  private readonly offset: number;
  private readonly allocated = new Set<number>();
  private readonly strategy: 'random' | 'sequential';
  private readonly random: () => number;

  constructor(cidrText: string, opts: RangeOptions = {}) {
    this.cidr = parseCIDR(cidrText);
    // /31 and /32 have no network or broadcast address to skip.
    const reserved = this.cidr.size > 2 ? 2 : 0;
    this.base = this.cidr.network + (reserved ? 1 : 0);
    this.max = Math.max(0, this.cidr.size - reserved);
    this.offset = calculateRangeOffset(this.max);
    this.strategy = opts.strategy ?? 'random';
    this.random = opts.random ?? Math.random;
  }

  rangeText(): string {
    return this.cidr.text;
  }

  private indexOf(ip: string): number | undefined {
    const n = parseIPv4(ip);
    if (n === undefined || !contains(this.cidr, n)) return undefined;
    const i = n - this.base;
    return i >= 0 && i < this.max ? i : undefined;
  }

  allocate(ip: string): string {
    const i = this.indexOf(ip);
    if (i === undefined) {
      return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.rangeText()}`;
    }
    if (this.allocated.has(i)) return errAllocated;
    this.allocated.add(i);
    return '';
  }

  allocateNext(): string | undefined {
    const i = this.strategy === 'sequential' ? this.scan(0, this.max, 0) : this.randomScan();
    if (i === undefined) return undefined;
    this.allocated.add(i);
    return formatIPv4(this.base + i);
  }

  /** randomScan tries the dynamic band [offset, max) from a random start, then the static band. */
  private randomScan(): number | undefined {
    const upper = this.max - this.offset;
    if (upper > 0) {
      const found = this.scan(this.offset, this.max, Math.floor(this.random() * upper));
      if (found !== undefined) return found;
    }
    if (this.offset > 0) return this.scan(0, this.offset, Math.floor(this.random() * this.offset));
    return undefined;
  }

  /** scan walks [from, to) starting at from+start, wrapping, and returns the first free index. */
  private scan(from: number, to: number, start: number): number | undefined {
    const n = to - from;
    for (let k = 0; k < n; k++) {
      const i = from + ((start + k) % n);
      if (!this.allocated.has(i)) return i;
    }
    return undefined;
  }

  release(ip: string): void {
    const i = this.indexOf(ip);
    if (i !== undefined) this.allocated.delete(i);
  }

  has(ip: string): boolean {
    const i = this.indexOf(ip);
    return i !== undefined && this.allocated.has(i);
  }

  /** used is the number of allocated addresses; free the number still available. */
  used(): number {
    return this.allocated.size;
  }

  free(): number {
    return this.max - this.allocated.size;
  }
}
