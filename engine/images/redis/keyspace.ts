// The keyspace of one Redis database (redis/src/db.c, expire.c): string values with optional
// expiry on the injected clock, lazily expired on access. Sizes are charged to the process memory.
import type { Clock } from '../../util/clock.js';

interface Entry {
  value: string;
  expireAt?: number;
}

export class Keyspace {
  private data = new Map<string, Entry>();

  constructor(private readonly clock: Clock, private readonly memory: { allocate(n: number): void; free(n: number): void }) {}

  private live(key: string): Entry | undefined {
    const e = this.data.get(key);
    if (e?.expireAt !== undefined && e.expireAt <= this.clock.now()) {
      this.delete(key);
      return undefined;
    }
    return e;
  }

  get(key: string): string | undefined {
    return this.live(key)?.value;
  }

  has(key: string): boolean {
    return this.live(key) !== undefined;
  }

  set(key: string, value: string, expireAt?: number): void {
    const old = this.data.get(key);
    this.memory.allocate(key.length + value.length + 48);
    if (old) this.memory.free(key.length + old.value.length + 48);
    this.data.set(key, { value, expireAt });
  }

  /** setKeepTtl replaces a value, keeping its expiry (APPEND, INCR). */
  update(key: string, value: string): void {
    this.set(key, value, this.live(key)?.expireAt);
  }

  delete(key: string): boolean {
    const e = this.data.get(key);
    if (!e) return false;
    this.data.delete(key);
    this.memory.free(key.length + e.value.length + 48);
    return true;
  }

  expire(key: string, at: number | undefined): boolean {
    const e = this.live(key);
    if (!e) return false;
    e.expireAt = at;
    return true;
  }

  /** ttlMs is -2 for a missing key, -1 without expiry. */
  ttlMs(key: string): number {
    const e = this.live(key);
    if (!e) return -2;
    return e.expireAt === undefined ? -1 : e.expireAt - this.clock.now();
  }

  keys(): string[] {
    return [...this.data.keys()].filter((k) => this.live(k) !== undefined);
  }

  flush(): void {
    for (const k of [...this.data.keys()]) this.delete(k);
  }

  size(): number {
    return this.keys().length;
  }

  expires(): number {
    return this.keys().filter((k) => this.data.get(k)?.expireAt !== undefined).length;
  }

  snapshot(): [string, string, number | null][] {
    return this.keys().map((k) => {
      const e = this.data.get(k)!;
      return [k, e.value, e.expireAt ?? null];
    });
  }

  load(entries: [string, string, number | null][]): void {
    this.flush();
    for (const [k, v, at] of entries) this.set(k, v, at ?? undefined);
  }
}
