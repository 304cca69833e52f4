// Mirrors pkg/scheduler/backend/heap/heap.go: a binary heap of keyed items, so an item can be
// found, updated or deleted by key in O(log n).

export class Heap<T> {
  private readonly items: T[] = [];
  /** keys[i] is items[i]'s key, so sifting moves keys without computing them again. */
  private readonly keys: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    private readonly keyFunc: (item: T) => string,
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  get length(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): T | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.items[i];
  }

  list(): T[] {
    return [...this.items];
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** addOrUpdate inserts the item or replaces the one with the same key. */
  addOrUpdate(item: T): void {
    const key = this.keyFunc(item);
    const i = this.index.get(key);
    if (i !== undefined) {
      this.items[i] = item;
      this.fix(i);
      return;
    }
    this.items.push(item);
    this.keys.push(key);
    this.index.set(key, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  delete(key: string): T | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const item = this.items[i]!;
    const last = this.items.length - 1;
    this.swap(i, last);
    this.items.pop();
    this.keys.pop();
    this.index.delete(key);
    if (i < this.items.length) this.fix(i);
    return item;
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top === undefined) return undefined;
    this.delete(this.keys[0]!);
    return top;
  }

  private fix(i: number): void {
    if (!this.down(i)) this.up(i);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(this.items[i]!, this.items[parent]!)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i0: number): boolean {
    let i = i0;
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let j = l;
      if (l + 1 < n && this.less(this.items[l + 1]!, this.items[l]!)) j = l + 1;
      if (!this.less(this.items[j]!, this.items[i]!)) break;
      this.swap(i, j);
      i = j;
    }
    return i > i0;
  }

  private swap(i: number, j: number): void {
    if (i === j) return;
    const a = this.items[i]!;
    const ka = this.keys[i]!;
    const kb = this.keys[j]!;
    this.items[i] = this.items[j]!;
    this.items[j] = a;
    this.keys[i] = kb;
    this.keys[j] = ka;
    this.index.set(kb, i);
    this.index.set(ka, j);
  }
}
