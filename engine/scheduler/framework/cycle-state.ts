// Mirrors pkg/scheduler/framework/cycle_state.go: data plugins share within one scheduling cycle
// (PreFilter computes, Filter reads). Single-threaded, so no lock.

export class CycleState {
  private readonly storage = new Map<string, unknown>();
  /** skipFilterPlugins and skipScorePlugins name plugins whose PreFilter/PreScore said Skip. */
  skipFilterPlugins = new Set<string>();
  skipScorePlugins = new Set<string>();

  read<T>(key: string): T | undefined {
    return this.storage.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.storage.set(key, value);
  }

  delete(key: string): void {
    this.storage.delete(key);
  }

  /** clone copies the map (values are shared; plugins treat them as immutable or clone them). */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.storage) c.storage.set(k, v);
    c.skipFilterPlugins = new Set(this.skipFilterPlugins);
    c.skipScorePlugins = new Set(this.skipScorePlugins);
    return c;
  }
}
